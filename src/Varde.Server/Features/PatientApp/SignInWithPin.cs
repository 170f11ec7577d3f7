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
        var credential = PatientAuth.ReadDeviceCookie(context);
        var (outcome, patient, deviceId) = credential is { } c ? await CheckAsync(c.DeviceId, c.Secret, pin, context.RequestAborted) : (Outcome.NotATablet, null, null);
        if (outcome == Outcome.SignedIn)
            await PatientAuth.SignInAsync(context, patient!, deviceId);
        return outcome;
    }

    /// <summary>
    /// Checks a tablet credential (device id and secret) and the PIN, counting failures; on success the patient it
    /// belongs to. The patient app's cookie sign-in and the tablet grant at /connect/token both use it.
    /// </summary>
    public async Task<(Outcome Outcome, Patient? Patient, Guid? DeviceId)> CheckAsync(Guid deviceId, string? secret, string? pin, CancellationToken ct)
    {
        var device = await FindAsync(deviceId, secret, ct);
        if (device is null)
            return (Outcome.NotATablet, null, null);
        var result = device.SignIn(pin, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another attempt on the same tablet counted at the same moment: this one counts as not signed in.
            return (Outcome.WrongPin, null, null);
        }

        return result switch
        {
            PinSignIn.Ok => (Outcome.SignedIn, await db.Patients.AsNoTracking().SingleAsync(p => p.Id == device.PatientId, ct), device.Id),
            PinSignIn.Locked => (Outcome.Locked, null, null),
            PinSignIn.NotEnrolled => (Outcome.NotATablet, null, null),
            _ => (Outcome.WrongPin, null, null),
        };
    }

    private async Task<PatientDevice?> FindAsync(HttpContext context) =>
        PatientAuth.ReadDeviceCookie(context) is { } credential ? await FindAsync(credential.DeviceId, credential.Secret, context.RequestAborted) : null;

    private async Task<PatientDevice?> FindAsync(Guid deviceId, string? secret, CancellationToken ct)
    {
        var device = await db.PatientDevices.SingleOrDefaultAsync(d => d.Id == deviceId, ct);
        return device is not null && device.HoldsSecret(secret) && device.StateAt(clock.GetUtcNow()) == PatientDeviceState.Enrolled
            ? device
            : null;
    }
}
