using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Alerts;
using Varde.Domain.Messages;
using Varde.Domain.Services;
using Varde.Domain.Statistics;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// GET /api/statistics/work?from=&amp;to=&amp;interval=week|month[&amp;service=|&amp;municipality=|&amp;healthCommunity=]: the work and
/// capacity figures (<see cref="WorkFigures"/>) of the scope's patients as a series of weeks or months (with their messages
/// and video calls; for one service also its nurse-hours on duty and patients per nurse on duty), and minutes to acknowledge by hour of day. Aggregates only; for leaders and administrators.
/// </summary>
public sealed class GetWork([FromKeyedServices(Infrastructure.ReadDatabase.Key)] VardeDbContext db, TimeProvider clock)
{
    public sealed record WorkReport(string Scope, Guid? Id, string Name, WorkFigures Figures);

    public static void Map(RouteGroupBuilder statistics) =>
        statistics.MapGet("/work", async Task<Results<Ok<WorkReport>, ValidationProblem>> (DateOnly? from, DateOnly? to, string? interval, Guid? service,
                Guid? municipality, Guid? healthCommunity, GetWork slice, CancellationToken ct) =>
            {
                var report = await slice.HandleAsync(from, to, interval ?? WorkFigures.Week, service, municipality, healthCommunity, ct);
                return report.IsValid ? TypedResults.Ok(report.Value) : TypedResults.ValidationProblem(report.ErrorsByField());
            })
            .WithName(nameof(GetWork));

    public async Task<Validated<WorkReport>> HandleAsync(DateOnly? from, DateOnly? to, string interval, Guid? service, Guid? municipality, Guid? healthCommunity,
        CancellationToken ct)
    {
        if (interval is not (WorkFigures.Week or WorkFigures.Month))
            return Validated<WorkReport>.Fail("interval", "The interval is week or month.");
        var period = StatisticsPeriod.Of(from, to);
        if (!period.IsValid)
            return Validated<WorkReport>.Fail(period.Errors);
        if (interval == WorkFigures.Week && period.Value.Days > WorkFigures.LongestWeekly)
            return Validated<WorkReport>.Fail("to", $"Weekly figures cover at most {WorkFigures.LongestWeekly} days; ask for months.");
        var scope = await StatisticsScope.ResolveAsync(db, service, municipality, healthCommunity, ct);
        if (!scope.IsValid)
            return Validated<WorkReport>.Fail(scope.Errors);

        var start = NorwegianTime.ToInstant(period.Value.From, TimeOnly.MinValue);
        var end = NorwegianTime.ToInstant(period.Value.To.AddDays(1), TimeOnly.MinValue);
        var facts = await ActivityFacts.LoadAsync(db, scope.Value, period.Value, ct, PathwayDetail.Dates);
        var received = await ReportTallies.LoadAsync(db, scope.Value, start, end, ct);
        var goals = await db.ServiceSettings.AsNoTracking().ToDictionaryAsync(s => s.ServiceId, s => s.EscalateAfterMinutes, ct);
        // Read by hand (PlainRows): the installation's alerts of a year are a quarter of a million rows.
        var alertsInScope = scope.Value.RowsOf(db, db.Alerts, a => a.PatientId);
        var alerts = await PlainRows.ListAsync(db, alertsInScope.AsNoTracking().IgnoreAutoIncludes()
                .Where(a => a.OpenedAt >= start && a.OpenedAt < end)
                .Select(a => new { a.ServiceId, a.OpenedAt, a.Zone, a.Category, a.AcknowledgedAt, a.State, a.Action }),
            r =>
            {
                var handled = r.Named<AlertState>(5) == AlertState.Handled;
                return new AlertFact(r.Instant(1), r.Named<TriageOutcome>(2), r.Named<AlertCategory>(3), r.InstantOrNull(4), handled,
                    handled && r.NamedOrNull<AlertAction>(6) != AlertAction.NoActionNeeded, goals.GetValueOrDefault(r.GetGuid(0), ServiceSettings.DefaultEscalateAfterMinutes));
            }, ct);
        var messages = await scope.Value.RowsOf(db, db.Messages, m => m.PatientId).AsNoTracking()
            .Where(m => m.SentAt >= start && m.SentAt < end)
            .Select(m => new { m.SentAt, m.Direction }).ToListAsync(ct);
        var calls = await scope.Value.RowsOf(db, db.VideoCalls, v => v.PatientId).AsNoTracking().IgnoreAutoIncludes()
            .Where(v => v.StartedAt != null && v.StartedAt >= start && v.StartedAt < end)
            .Select(v => v.StartedAt!.Value).ToListAsync(ct);
        List<ContactFact> contacts = [.. messages.Select(m => new ContactFact(m.SentAt,
            m.Direction == MessageDirection.FromPatient ? ContactKind.MessageFromPatient : ContactKind.MessageFromService)),
            .. calls.Select(at => new ContactFact(at, ContactKind.VideoCall))];
        var now = clock.GetUtcNow();
        var duty = scope.Value.Kind == "service" ? await DutySpansAsync(scope.Value.Id!.Value, start, end, now, ct) : null;
        var figures = WorkFigures.Of([.. facts], received, alerts, contacts, period.Value, interval, now, duty);
        return Validated<WorkReport>.Ok(new WorkReport(scope.Value.Kind, scope.Value.Id, scope.Value.Name, figures));
    }

    /// <summary>
    /// The service's shifts that can reach into the period, each counted until it ended (or its longest, or now). Only for
    /// one service: a municipality's patients share nurses with others, so dividing by its services' nurses would mislead.
    /// </summary>
    private async Task<List<DutySpan>> DutySpansAsync(Guid serviceId, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, CancellationToken ct)
    {
        var earliest = start.AddHours(-DutyShift.LongestHours);
        var shifts = await db.DutyShifts.AsNoTracking().Where(s => s.ServiceId == serviceId && s.StartedAt >= earliest && s.StartedAt < end).ToListAsync(ct);
        return [.. shifts.Select(s => new DutySpan(s.ServiceId, s.StaffMemberId, s.StartedAt, s.CountsUntil(now)))];
    }
}
