using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Patients;
using Varde.Server.Auth;

namespace Varde.Server.Features.PatientApp;

/// <summary>
/// Signs a patient in with the PIN on an enrolled tablet: the tablet's credential cookie must name an enrolled tablet
/// and hold its secret, and then the PIN must match (five wrong lock the tablet for 15 minutes).
/// </summary>
public sealed class SignInWithPin(VardeDbContext db, TimeProvider clock)
{
    public enum Outcome
    {
        SignedIn,
        WrongPin,
        Locked,

        /// <summary>This browser holds no usable tablet credential: enrol it (again) with a new code.</summary>
        NotATablet,
    }

    /// <summary>Whether this browser holds the credential of an enrolled tablet (so the PIN screen makes sense).</summary>
    public async Task<bool> IsEnrolledTabletAsync(HttpContext context) => await FindAsync(context) is not null;

    public async Task<Outcome> HandleAsync(HttpContext context, string? pin)
    {
        var device = await FindAsync(context);
        if (device is null)
            return Outcome.NotATablet;
        var now = clock.GetUtcNow();
        var result = device.SignIn(pin, now);
        try
        {
            await db.SaveChangesAsync(context.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another attempt on the same tablet counted at the same moment: this one counts as not signed in.
            return Outcome.WrongPin;
        }

        switch (result)
        {
            case PinSignIn.Ok:
                var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == device.PatientId, context.RequestAborted);
                await PatientAuth.SignInAsync(context, patient, device.Id);
                return Outcome.SignedIn;
            case PinSignIn.Locked:
                return Outcome.Locked;
            case PinSignIn.NotEnrolled:
                return Outcome.NotATablet;
            default:
                return Outcome.WrongPin;
        }
    }

    private async Task<PatientDevice?> FindAsync(HttpContext context)
    {
        if (PatientAuth.ReadDeviceCookie(context) is not { } credential)
            return null;
        var device = await db.PatientDevices.SingleOrDefaultAsync(d => d.Id == credential.DeviceId, context.RequestAborted);
        return device is not null && device.HoldsSecret(credential.Secret) && device.StateAt(clock.GetUtcNow()) == PatientDeviceState.Enrolled
            ? device
            : null;
    }
}
