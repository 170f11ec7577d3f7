using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Pathways;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Pathways;

/// <summary>
/// GET /api/pathways?municipalityId=: the pathway board of the caller's follow-up service, or for a municipality's
/// allocation office, of the patients who live in its municipality (whichever service follows them). Each patient's current
/// pathway with its state and since when, open ones and those declined or ended in the last 30 days, and whether a plan
/// draft waits for the GP. Every patient on the board is access-logged.
/// </summary>
public sealed class ListPathways(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const int RecentlyClosedDays = 30;

    public sealed record Row(Guid PatientId, string Name, Guid MunicipalityId, string Municipality, PathwayState State, DateTimeOffset Since,
        string ReferralSource, DateOnly? StartDate, DateOnly? TrialEndsOn, DateOnly? NextEvaluation, bool PlanApproved, bool PlanDraftWaiting);

    /// <summary>The board, and what a new referral can name: the municipalities the service serves and the GPs.</summary>
    public sealed record Response(IReadOnlyList<Row> Rows, IReadOnlyList<Municipality> Municipalities, IReadOnlyList<Gp> Gps);

    public sealed record Gp(Guid Id, string Name);

    /// <summary>A municipality the service serves; a deactivated one is still named on its patients' rows but offered for no new referral.</summary>
    public sealed record Municipality(Guid Id, string Name, bool Active = true);

    public static void Map(RouteGroupBuilder pathways) =>
        pathways.MapGet("/", (Guid? municipalityId, ClaimsPrincipal user, ListPathways slice, CancellationToken ct) => slice.HandleAsync(municipalityId, user, ct))
            .WithName(nameof(ListPathways))
            .RequireAuthorization(Policies.RunPathways);

    public async Task<Ok<Response>> HandleAsync(Guid? municipalityId, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var closedSince = clock.GetUtcNow().AddDays(-RecentlyClosedDays);
        var mine = caller.Role == Role.AllocationOffice
            ? db.Patients.Where(p => p.MunicipalityId == caller.OrganisationId)
            : db.Patients.Where(p => p.FollowUpServiceId == caller.OrganisationId);
        var patients = await mine.AsNoTracking()
            .Where(p => municipalityId == null || p.MunicipalityId == municipalityId)
            .Select(p => new { p.Id, p.Name, p.MunicipalityId }).ToDictionaryAsync(p => p.Id, ct);
        var ids = patients.Keys.ToList();
        var pathways = (await db.Pathways.AsNoTracking().Where(p => ids.Contains(p.PatientId)).ToListAsync(ct))
            .GroupBy(p => p.PatientId).Select(g => g.OrderByDescending(p => p.ReferredAt).ThenByDescending(p => p.Id).First())
            .Where(p => CurrentPathway.IsOpen(p.State) || p.History[^1].At >= closedSince).ToList();
        var onBoard = pathways.Select(p => p.PatientId).ToList();
        var plans = await db.PlanVersions.AsNoTracking().Where(v => onBoard.Contains(v.PatientId))
            .Select(v => new { v.PatientId, v.Number, Approved = v.Approval != null }).ToListAsync(ct);
        var served = await ServedMunicipalitiesAsync(caller, ct);

        var rows = pathways.Select(p =>
        {
            var patient = patients[p.PatientId];
            var own = plans.Where(v => v.PatientId == p.PatientId).ToList();
            var newest = own.MaxBy(v => v.Number);
            return new Row(p.PatientId, patient.Name, patient.MunicipalityId, served.GetValueOrDefault(patient.MunicipalityId, ""), p.State, p.History[^1].At,
                p.ReferralSource, p.StartDate, p.TrialEndsOn, p.Evaluations.FirstOrDefault(e => e.HeldAt is null)?.DueOn, own.Any(v => v.Approved),
                newest is { Approved: false });
        }).OrderBy(r => r.State).ThenBy(r => r.Since).ToList();
        await gate.LogAsync(caller, rows.Select(r => r.PatientId), "pathway.board", AccessOutcome.Allowed, ct);
        var gps = await db.StaffMembers.AsNoTracking().Where(s => s.Role == Role.Gp && s.DeactivatedAt == null).OrderBy(s => s.Name).Select(s => new Gp(s.Id, s.Name)).ToListAsync(ct);
        var norwegian = StringComparer.Create(new("nb-NO"), false);
        var servedIds = served.Keys.ToList();
        var inactive = await db.Organisations.AsNoTracking().Where(o => servedIds.Contains(o.Id) && o.DeactivatedAt != null).Select(o => o.Id).ToListAsync(ct);
        return TypedResults.Ok(new Response(rows, [.. served.Select(m => new Municipality(m.Key, m.Value, !inactive.Contains(m.Key))).OrderBy(m => m.Name, norwegian)], gps));
    }

    private async Task<Dictionary<Guid, string>> ServedMunicipalitiesAsync(Caller caller, CancellationToken ct)
    {
        var service = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == caller.OrganisationId, ct);
        if (service is null)
            return [];
        List<Guid> served = caller.Role == Role.AllocationOffice ? [service.Id] : [.. service.ServedMunicipalityIds];
        return await db.Organisations.AsNoTracking().Where(o => served.Contains(o.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
    }
}
