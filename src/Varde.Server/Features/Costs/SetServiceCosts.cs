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

/// <summary>
/// PUT /api/services/{id}/costs/{month}: the service's leader or coordinator enters its own costs of a month (YYYY-MM):
/// staff hours and their cost per hour, equipment, licences and other costs, in kroner. Entered again, the month's
/// figures are replaced; the audit log keeps what they were.
/// </summary>
public sealed class SetServiceCosts(VardeDbContext db, AdminAudit audit, TimeProvider clock)
{
    public sealed record Request(decimal StaffHours, decimal StaffHourCost, decimal Equipment, decimal Licences, decimal Other, string? Note);

    public abstract record Outcome
    {
        public sealed record Stored(GetServiceCosts.MonthCosts Month) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NotYourService : Outcome;
    }

    public static void Map(RouteGroupBuilder services) =>
        services.MapPut("/{serviceId:guid}/costs/{month}", async Task<Results<Ok<GetServiceCosts.MonthCosts>, ValidationProblem, ProblemHttpResult>> (
                Guid serviceId, string month, Request request, ClaimsPrincipal user, SetServiceCosts slice, CancellationToken ct) =>
                await slice.HandleAsync(serviceId, month, request, user, ct) switch
                {
                    Outcome.Stored stored => TypedResults.Ok(stored.Month),
                    Outcome.Refused refused => TypedResults.ValidationProblem(ValidationError.ByField(refused.Errors)),
                    _ => Alerts.AlertProblems.ServiceNotFound(serviceId),
                })
            .WithName(nameof(SetServiceCosts))
            .RequireAuthorization(Policies.ServiceCosts);

    public async Task<Outcome> HandleAsync(Guid serviceId, string month, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Alerts.ServiceAccess.WorksFor(user, serviceId)
            || !await db.Organisations.AnyAsync(o => o.Id == serviceId && o.Kind == OrganisationKind.FollowUpService, ct))
            return new Outcome.NotYourService();
        if (MonthText.Parse(month) is not { } first)
            return new Outcome.Refused([new("month", "Give the month as YYYY-MM.")]);
        var now = clock.GetUtcNow();
        var entry = ServiceCostMonth.Create(serviceId, first, request.StaffHours, request.StaffHourCost, request.Equipment, request.Licences, request.Other,
            request.Note, now, Callers.From(user).ActorId);
        if (!entry.IsValid)
            return new Outcome.Refused(entry.Errors);

        // Two saves of a new month at once (a double click): the second finds the first's row and replaces it.
        for (var attempt = 1; ; attempt++)
        {
            var stored = await db.ServiceCosts.SingleOrDefaultAsync(c => c.ServiceId == serviceId && c.Month == first, ct);
            var before = stored is null ? null : Snapshot(stored);
            if (stored is null)
                db.ServiceCosts.Add(entry.Value);
            else
                stored.Replace(entry.Value);
            var saved = stored ?? entry.Value;
            audit.Stage(user, AdminEntityKinds.ServiceCosts, serviceId, stored is null ? AdminActions.Created : AdminActions.Edited, before, Snapshot(saved));
            try
            {
                await db.SaveChangesAsync(ct);
                return new Outcome.Stored(GetServiceCosts.Of(saved));
            }
            catch (DbUpdateException e) when (attempt == 1 && DbErrors.IsUniqueViolation(e))
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static object Snapshot(ServiceCostMonth c) =>
        new { Month = MonthText.Format(c.Month), c.StaffHours, c.StaffHourCost, c.Equipment, c.Licences, c.Other, c.Total, c.Note };
}
