using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Administration;
using Varde.Domain.Organisations;
using Varde.Domain.Statistics.Costs;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Costs;

/// <summary>A service's cost sharing key as shown: the key, the fixed shares by municipality (with its name) and the note.</summary>
public sealed record CostSharingView(Guid ServiceId, CostSharingKey Key, IReadOnlyList<CostSharingView.Share> Shares, string? Note, DateTimeOffset SetAt)
{
    public sealed record Share(Guid MunicipalityId, string Municipality, decimal Percent);
}

/// <summary>GET /api/services/{id}/cost-sharing: the key the service's municipalities share its costs by (404 until one is set).</summary>
public sealed class GetCostSharing(VardeDbContext db)
{
    public static void Map(RouteGroupBuilder services) =>
        services.MapGet("/{serviceId:guid}/cost-sharing", async Task<Results<Ok<CostSharingView>, ProblemHttpResult>> (Guid serviceId, ClaimsPrincipal user,
                GetCostSharing slice, CancellationToken ct) =>
                Alerts.ServiceAccess.WorksFor(user, serviceId) && await slice.HandleAsync(serviceId, ct) is { } view
                    ? TypedResults.Ok(view)
                    : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No cost sharing key is set for this service."))
            .WithName(nameof(GetCostSharing))
            .RequireAuthorization(Policies.ServiceCosts);

    public async Task<CostSharingView?> HandleAsync(Guid serviceId, CancellationToken ct)
    {
        if (await db.CostSharing.AsNoTracking().SingleOrDefaultAsync(a => a.ServiceId == serviceId, ct) is not { } agreement)
            return null;
        var ids = agreement.Shares.Select(s => s.MunicipalityId).ToList();
        var names = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new CostSharingView(serviceId, agreement.Key, [.. agreement.Shares.Select(s => new CostSharingView.Share(s.MunicipalityId, names.GetValueOrDefault(s.MunicipalityId, ""), s.Percent))],
            agreement.Note, agreement.SetAt);
    }
}

/// <summary>
/// PUT /api/services/{id}/cost-sharing: the service's leader or coordinator records the key its municipalities agreed to
/// share its costs by: <c>PerInhabitant</c>, <c>PerPatientDay</c> or <c>FixedShares</c> (a share for every municipality
/// served, adding up to 100). It replaces the key before; the audit log keeps what it was.
/// </summary>
public sealed class SetCostSharing(VardeDbContext db, AdminAudit audit, GetCostSharing read, TimeProvider clock)
{
    public sealed record Request(CostSharingKey Key, IReadOnlyList<CostShare>? Shares, string? Note);

    public abstract record Outcome
    {
        public sealed record Stored(CostSharingView Agreement) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NotYourService : Outcome;
    }

    public static void Map(RouteGroupBuilder services) =>
        services.MapPut("/{serviceId:guid}/cost-sharing", async Task<Results<Ok<CostSharingView>, ValidationProblem, ProblemHttpResult>> (Guid serviceId,
                Request request, ClaimsPrincipal user, SetCostSharing slice, CancellationToken ct) =>
                await slice.HandleAsync(serviceId, request, user, ct) switch
                {
                    Outcome.Stored stored => TypedResults.Ok(stored.Agreement),
                    Outcome.Refused refused => TypedResults.ValidationProblem(ValidationError.ByField(refused.Errors)),
                    _ => Alerts.AlertProblems.ServiceNotFound(serviceId),
                })
            .WithName(nameof(SetCostSharing))
            .RequireAuthorization(Policies.ServiceCosts);

    public async Task<Outcome> HandleAsync(Guid serviceId, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Alerts.ServiceAccess.WorksFor(user, serviceId)
            || await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == serviceId && o.Kind == OrganisationKind.FollowUpService, ct) is not { } service)
            return new Outcome.NotYourService();
        if (!Enum.IsDefined(request.Key))
            return new Outcome.Refused([new("key", "The key is PerInhabitant, PerPatientDay or FixedShares.")]);
        var agreement = CostSharingAgreement.Create(serviceId, request.Key, request.Shares ?? [], service.ServedMunicipalityIds, request.Note, clock.GetUtcNow(),
            Callers.From(user).ActorId);
        if (!agreement.IsValid)
            return new Outcome.Refused(agreement.Errors);

        // Two saves of a first key at once: the second finds the first's row and replaces it.
        for (var attempt = 1; ; attempt++)
        {
            var stored = await db.CostSharing.SingleOrDefaultAsync(a => a.ServiceId == serviceId, ct);
            var before = stored is null ? null : Snapshot(stored);
            if (stored is null)
                db.CostSharing.Add(agreement.Value);
            else
                stored.Replace(agreement.Value);
            audit.Stage(user, AdminEntityKinds.CostSharing, serviceId, stored is null ? AdminActions.Created : AdminActions.Edited, before,
                Snapshot(stored ?? agreement.Value));
            try
            {
                await db.SaveChangesAsync(ct);
                return new Outcome.Stored((await read.HandleAsync(serviceId, ct))!);
            }
            catch (DbUpdateException e) when (attempt == 1 && DbErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static object Snapshot(CostSharingAgreement a) => new { a.Key, Shares = a.Shares.Select(s => new { s.MunicipalityId, s.Percent }).ToArray(), a.Note };
}
