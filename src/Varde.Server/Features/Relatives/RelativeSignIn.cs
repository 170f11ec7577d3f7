using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Pathways;
using Varde.Domain.Relatives;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Relatives;

/// <summary>
/// Signs a relative in to the patient app for the patient they act for: with the one-time code the inviter passed on
/// (<see cref="WithCodeAsync"/>), or through ID-porten when the patient gave the relative's identity number
/// (<see cref="FindForIdPortenAsync"/>). Only while the consent lasts and the patient is followed; the sign-in is in the
/// patient's access log.
/// </summary>
public sealed partial class RelativeSignIn(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, ILogger<RelativeSignIn> logger)
{
    public enum Outcome
    {
        SignedIn,

        /// <summary>Wrong, used or expired code, or no consent: one answer for all, so a guess learns nothing.</summary>
        Refused,
    }

    /// <summary>Signs the relative in with the one-time code; <c>StartPath</c>: the first page their consent lets them see.</summary>
    public async Task<(Outcome Outcome, string StartPath)> WithCodeAsync(HttpContext context, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
            return (Outcome.Refused, "");
        var hash = Relative.CodeHash(code);
        var relative = await db.Relatives.SingleOrDefaultAsync(r => r.SignInCodeHash == hash, ct);
        var now = clock.GetUtcNow();
        if (relative is null || !relative.UseCode(code, now))
            return (Outcome.Refused, "");
        var found = await ConsentAndServiceAsync(relative, ct);
        if (found.Permissions == RelativePermissions.None)
            return (Outcome.Refused, "");
        await db.SaveChangesAsync(ct);
        await SignInAsync(context, found with { Relative = relative }, signInMethod: null, ct);
        return (Outcome.SignedIn, PatientAuth.StartPath(found.Permissions));
    }

    /// <summary>
    /// The relative an ID-porten identity number signs in as, with the permissions and service, or null. A person who is
    /// the relative of several followed patients signs in for the one whose consent is newest (a choice between them is
    /// not built yet).
    /// </summary>
    public async Task<Found?> FindForIdPortenAsync(string pid, CancellationToken ct)
    {
        var candidates = await db.Relatives.AsNoTracking().Where(r => r.IdentityNumber == pid).ToListAsync(ct);
        var found = new List<(Found Found, DateTimeOffset Since)>();
        foreach (var relative in candidates)
        {
            var one = await ConsentAndServiceAsync(relative, ct);
            if (one.Permissions != RelativePermissions.None)
                found.Add((one, await db.RelativeConsents.Where(c => c.RelativeId == relative.Id).MaxAsync(c => c.At, ct)));
        }

        return found.Count == 0 ? null : found.OrderByDescending(f => f.Since).First().Found;
    }

    public async Task SignInAsync(HttpContext context, Found found, string? signInMethod, CancellationToken ct)
    {
        var relative = found.Relative;
        await PatientAuth.SignInRelativeAsync(context, relative, found.PatientName, found.ServiceId, found.Permissions, signInMethod);
        var caller = new Caller(relative.Id.ToString(), Role.Relative, found.ServiceId) { OnBehalfOf = relative.PatientId };
        await gate.LogAsync(caller, [relative.PatientId], "relative.sign-in", AccessOutcome.Allowed, ct);
        LogSignedIn(logger, relative.Id, signInMethod ?? "one-time code");
    }

    /// <summary>A relative who may sign in: the consent in force, the patient's name and follow-up service.</summary>
    public sealed record Found(Relative Relative, RelativePermissions Permissions, string PatientName, Guid ServiceId);

    // The consent in force, and the patient's follow-up service; no consent when the patient is no longer followed.
    private async Task<Found> ConsentAndServiceAsync(Relative relative, CancellationToken ct)
    {
        var permissions = await RelativeConsents.CurrentAsync(db, relative.Id, ct);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == relative.PatientId).Select(p => new { p.Name, p.FollowUpServiceId }).SingleAsync(ct);
        var newest = await db.Pathways.AsNoTracking().Where(w => w.PatientId == relative.PatientId)
            .OrderByDescending(w => w.ReferredAt).ThenByDescending(w => w.Id).Select(w => (PathwayState?)w.State).FirstOrDefaultAsync(ct);
        return new(relative, FollowedPatients.IsFollowed(newest) ? permissions : RelativePermissions.None, patient.Name, patient.FollowUpServiceId);
    }

    [LoggerMessage(LogLevel.Information, "Relative {RelativeId} signed in ({Method})")]
    private static partial void LogSignedIn(ILogger logger, Guid relativeId, string method);
}
