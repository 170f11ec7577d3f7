using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Patients;
using Varde.Server.Auth;

namespace Varde.Server.Features.PatientApp;

/// <summary>
/// Enrols a lent tablet: the one-time code from the follow-up service and the PIN the patient chose (twice). On
/// success the tablet gets its credential cookie and the patient is signed in. Wrong codes count against the client
/// address (<see cref="SignInAttempts"/>).
/// </summary>
public sealed partial class EnrolTablet(VardeDbContext db, TimeProvider clock, SignInAttempts attempts, ILogger<EnrolTablet> logger)
{
    public enum Outcome
    {
        Enrolled,
        WrongCode,
        BadPin,
        PinsDiffer,
        TooManyAttempts,
    }

    public async Task<(Outcome Outcome, IReadOnlyList<ValidationError> Errors)> HandleAsync(HttpContext context, string? code, string? pin, string? pinAgain)
    {
        var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (attempts.IsBlocked(client))
            return (Outcome.TooManyAttempts, []);
        if (pin != pinAgain)
            return (Outcome.PinsDiffer, []);

        var ct = context.RequestAborted;
        var hash = PatientDevice.CodeHash(code ?? "");
        var device = await db.PatientDevices.SingleOrDefaultAsync(d => d.EnrolmentCodeHash == hash, ct);
        var now = clock.GetUtcNow();
        var enrolled = device?.Enrol(code, pin, now) ?? Validated<string>.Fail("code", "No such code.");
        if (!enrolled.IsValid)
        {
            if (enrolled.Errors.Any(e => e.Field == "code"))
            {
                attempts.Failed(client);
                return (Outcome.WrongCode, enrolled.Errors);
            }

            return (Outcome.BadPin, enrolled.Errors);
        }

        device!.SignIn(pin, now);
        await db.SaveChangesAsync(ct);
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == device.PatientId, ct);
        PatientAuth.WriteDeviceCookie(context, device.Id, enrolled.Value);
        await PatientAuth.SignInAsync(context, patient, device.Id);
        LogEnrolled(logger, device.Id);
        return (Outcome.Enrolled, []);
    }

    [LoggerMessage(LogLevel.Information, "Tablet {DeviceId} enrolled")]
    private static partial void LogEnrolled(ILogger logger, Guid deviceId);
}
