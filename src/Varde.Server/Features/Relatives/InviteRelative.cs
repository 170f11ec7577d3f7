using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Relatives;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Relatives;

/// <summary>
/// The patient (POST /pasient/api/relatives) or a nurse or coordinator on the patient's documented wish
/// (POST /api/patients/{id}/relatives) invites a relative and says what they may do. The relative and the first consent
/// are stored together; the answer carries the one-time sign-in code, shown this once, for the inviter to pass on.
/// </summary>
public sealed partial class InviteRelative(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, ILogger<InviteRelative> logger)
{
    public sealed record Request(string? Name, string? Relation, string? Phone, string? Email, string? IdentityNumber,
        IReadOnlyList<RelativePermissions>? Permissions, string? Basis);

    public async Task<RelativeOutcome> HandleAsync(Guid patientId, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var patient = await gate.OpenAsync(user, patientId, "relatives.invite", ct);
        if (patient is null)
            return new RelativeOutcome.NotFound(patientId);
        var caller = Callers.From(user);
        var now = clock.GetUtcNow();
        var invited = Relative.Invite(Guid.CreateVersion7(now), patientId, request.Name, request.Relation, request.Phone, request.Email,
            request.IdentityNumber, caller.ActorId, now);
        var permissions = RelativeConsents.Join(request.Permissions);
        var errors = new List<ValidationError>(invited.Errors);
        if (permissions == RelativePermissions.None)
            errors.Add(new("permissions", "Choose at least one thing the relative may do."));
        var consent = RelativeConsent.Decide(Guid.CreateVersion7(now), Guid.Empty, patientId, 1, permissions, caller, request.Basis, now);
        errors.AddRange(consent.Errors.Where(e => errors.All(x => x.Field != e.Field)));
        if (invited.IsValid && invited.Value.Relative.IdentityNumber is { } pid)
        {
            if (pid == patient.IdentityNumber)
                errors.Add(new("identityNumber", "That is the patient's own identity number."));
            else if (await db.Relatives.AnyAsync(r => r.PatientId == patientId && r.IdentityNumber == pid, ct))
                errors.Add(new("identityNumber", "This person is already one of the patient's relatives: change what they may do instead."));
        }

        if (errors.Count > 0)
            return new RelativeOutcome.Refused(errors);
        var (relative, code) = invited.Value;
        db.Relatives.Add(relative);
        db.RelativeConsents.Add(consent.Value with { RelativeId = relative.Id });
        await db.SaveChangesAsync(ct);
        LogInvited(logger, relative.Id, caller.Role);
        return new RelativeOutcome.Stored(await ListRelatives.LoadOneAsync(db, relative, now, ct), code);
    }

    [LoggerMessage(LogLevel.Information, "Relative {RelativeId} invited by a {Role}; one-time code issued")]
    private static partial void LogInvited(ILogger logger, Guid relativeId, Domain.Access.Role role);
}
