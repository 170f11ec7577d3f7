using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Relatives;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Relatives;

/// <summary>
/// Changes what a relative may do, or withdraws the consent (no permissions): PUT …/relatives/{id}/consent by the
/// patient, or by the follow-up service's staff on the patient's documented wish. Stored as a new decision (the old ones
/// stay); it takes effect on the relative's next request.
/// </summary>
public sealed partial class DecideRelativeConsent(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, ILogger<DecideRelativeConsent> logger)
{
    public sealed record Request(IReadOnlyList<RelativePermissions>? Permissions, string? Basis);

    public async Task<RelativeOutcome> HandleAsync(Guid patientId, Guid relativeId, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "relatives.consent", ct) is null)
            return new RelativeOutcome.NotFound(patientId);
        var relative = await db.Relatives.AsNoTracking().SingleOrDefaultAsync(r => r.Id == relativeId && r.PatientId == patientId, ct);
        if (relative is null)
            return new RelativeOutcome.NotFound(patientId);
        var caller = Callers.From(user);
        var now = clock.GetUtcNow();
        var permissions = RelativeConsents.Join(request.Permissions);
        var sequence = await RelativeConsents.NextSequenceAsync(db, relativeId, ct);
        var decided = RelativeConsent.Decide(Guid.CreateVersion7(now), relativeId, patientId, sequence, permissions, caller, request.Basis, now);
        if (!decided.IsValid)
            return new RelativeOutcome.Refused(decided.Errors);
        db.RelativeConsents.Add(decided.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another decision for this relative took the same number at the same moment: that one counts, this one is not stored.
            return new RelativeOutcome.Refused([new Domain.ValidationError("consent", "The consent was changed by someone else at the same moment. Look at it again.")]);
        }

        LogDecided(logger, relativeId, permissions, caller.Role);
        return new RelativeOutcome.Stored(await ListRelatives.LoadOneAsync(db, relative, now, ct), null);
    }

    [LoggerMessage(LogLevel.Information, "Consent for relative {RelativeId} set to {Permissions} by a {Role}")]
    private static partial void LogDecided(ILogger logger, Guid relativeId, RelativePermissions permissions, Domain.Access.Role role);
}
