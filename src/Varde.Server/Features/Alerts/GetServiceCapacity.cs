using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Pathways;
using Varde.Domain.Services;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// GET /api/services/{id}/capacity: the service's load at a glance (no patient data; leaders may read it): active
/// patients, nurses on duty and patients per nurse against the service's planning figure (80 unless set), open alerts by zone, and this
/// week's alert burden (alerts per patient-day, median time to acknowledge). The nurses on duty are the people who went on
/// duty on the worklist and are still on (<see cref="Duty.GetOnDuty"/>), whether or not the service is open.
/// </summary>
public sealed class GetServiceCapacity(VardeDbContext db, ServiceHours hours, Duty.GetOnDuty onDuty, TimeProvider clock)
{
    public sealed record Response(
        int ActivePatients,
        bool OpenNow,
        int NursesOnDuty,
        double? PatientsPerNurse,
        int PlanningFigure,
        int OpenRed,
        int OpenYellow,
        int OpenCheckMeasurement,
        int OpenMissing,
        DateTimeOffset WeekFrom,
        double AlertsPerPatientDay,
        double? MedianMinutesToAcknowledge);

    public static void Map(RouteGroupBuilder services) =>
        services.MapGet("/{serviceId:guid}/capacity", (Guid serviceId, ClaimsPrincipal user, GetServiceCapacity slice, CancellationToken ct) =>
                slice.HandleAsync(serviceId, user, ct))
            .WithName(nameof(GetServiceCapacity))
            .RequireAuthorization(Policies.ServiceFigures);

    public async Task<Results<Ok<Response>, ProblemHttpResult>> HandleAsync(Guid serviceId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!ServiceAccess.WorksFor(user, serviceId))
            return AlertProblems.ServiceNotFound(serviceId);
        var now = clock.GetUtcNow();
        // Followed patients (FollowedPatients.IsFollowed, in SQL): no pathway, or the newest one in its trial or active.
        var active = await db.Patients.Where(p => p.FollowUpServiceId == serviceId)
            .Select(p => db.Pathways.Where(w => w.PatientId == p.Id).OrderByDescending(w => w.ReferredAt).ThenByDescending(w => w.Id)
                .Select(w => (PathwayState?)w.State).FirstOrDefault())
            .CountAsync(s => s == null || s == PathwayState.TrialPeriod || s == PathwayState.Active, ct);
        var (settings, holidays) = await hours.ForAsync(serviceId, ct);
        var open = settings.OpeningHours.IsOpen(now, holidays);
        var nurses = (await onDuty.HandleAsync(serviceId, ct)).Count;

        var openAlerts = await db.Alerts.AsNoTracking()
            .Where(a => a.ServiceId == serviceId && (a.State == AlertState.Open || a.State == AlertState.Acknowledged))
            .GroupBy(a => new { a.Category, a.Zone })
            .Select(g => new { g.Key.Category, g.Key.Zone, Count = g.Count() })
            .ToListAsync(ct);
        int Count(AlertCategory category, TriageOutcome? zone = null) =>
            openAlerts.Where(a => a.Category == category && (zone is null || a.Zone == zone)).Sum(a => a.Count);

        var weekFrom = StartOfWeek(now);
        var burden = await AlertBurden.ComputeAsync(db, serviceId, null, weekFrom, now, ct);
        return TypedResults.Ok(new Response(active, open, nurses, nurses > 0 ? Math.Round((double)active / nurses, 1) : null,
            settings.PatientsPerNurse, Count(AlertCategory.Clinical, TriageOutcome.Red), Count(AlertCategory.Clinical) - Count(AlertCategory.Clinical, TriageOutcome.Red),
            Count(AlertCategory.CheckMeasurement), Count(AlertCategory.MissingReport), weekFrom,
            Math.Round(burden.AlertsPerPatientDay.Values.Sum(), 3), burden.MedianMinutesToAcknowledge));
    }

    /// <summary>Monday 00:00 Norwegian time of the week <paramref name="now"/> is in.</summary>
    public static DateTimeOffset StartOfWeek(DateTimeOffset now)
    {
        var today = NorwegianTime.Today(now);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        return NorwegianTime.ToInstant(monday, TimeOnly.MinValue);
    }
}
