using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// Alert-burden figures for a service (or one patient) over a period: alerts per patient-day by zone, the share
/// handled with an action other than "no action needed", and the median and 90th percentile time to acknowledge.
/// Alert fatigue is measured here; the clinician app and statistics read it. Alerts opened from <c>from</c> to <c>to</c>, both included.
/// </summary>
public static class AlertBurden
{
    public sealed record Figures(
        DateTimeOffset From,
        DateTimeOffset To,
        double PatientDays,
        IReadOnlyDictionary<string, int> AlertsByZone,
        IReadOnlyDictionary<string, double> AlertsPerPatientDay,
        int Handled,
        double? ShareHandledWithAction,
        double? MedianMinutesToAcknowledge,
        double? P90MinutesToAcknowledge);

    public const string PeriodRule = "The period must be positive and at most a year.";

    /// <summary>The period asked for: up to now and <paramref name="defaultLength"/> back unless given; null when it breaks <see cref="PeriodRule"/>.</summary>
    public static (DateTimeOffset From, DateTimeOffset To)? Period(DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, TimeSpan defaultLength)
    {
        var end = to ?? now;
        var start = from ?? end - defaultLength;
        return start >= end || end - start > TimeSpan.FromDays(366) ? null : (start, end);
    }

    public static async Task<Figures> ComputeAsync(VardeDbContext db, Guid serviceId, Guid? patientId, DateTimeOffset from, DateTimeOffset to,
        CancellationToken ct)
    {
        var patients = await db.Patients.AsNoTracking().Where(p => p.FollowUpServiceId == serviceId && (patientId == null || p.Id == patientId))
            .Select(p => p.EnrolledAt).ToListAsync(ct);
        var patientDays = patients.Sum(enrolled => Math.Max(0, (to - (enrolled > from ? enrolled : from)).TotalDays));

        var alerts = await db.Alerts.AsNoTracking()
            .Where(a => a.ServiceId == serviceId && (patientId == null || a.PatientId == patientId) && a.OpenedAt >= from && a.OpenedAt <= to)
            .Select(a => new { a.Zone, a.State, a.Action, a.OpenedAt, a.AcknowledgedAt })
            .ToListAsync(ct);

        var byZone = alerts.GroupBy(a => ZoneName(a.Zone)).ToDictionary(g => g.Key, g => g.Count());
        var perDay = byZone.ToDictionary(kv => kv.Key, kv => patientDays > 0 ? Math.Round(kv.Value / patientDays, 4) : 0);
        var handled = alerts.Where(a => a.State == AlertState.Handled).ToList();
        var withAction = handled.Count(a => a.Action != AlertAction.NoActionNeeded);
        var waits = alerts.Where(a => a.AcknowledgedAt is not null).Select(a => (a.AcknowledgedAt!.Value - a.OpenedAt).TotalMinutes).Order().ToList();
        return new Figures(from, to, Math.Round(patientDays, 2), byZone, perDay, handled.Count,
            handled.Count > 0 ? Math.Round((double)withAction / handled.Count, 4) : null, Percentile(waits, 0.5), Percentile(waits, 0.9));
    }

    private static string ZoneName(TriageOutcome zone) => zone switch
    {
        TriageOutcome.Red => "red",
        TriageOutcome.Yellow => "yellow",
        TriageOutcome.SuspectedMeasurementError => "check-measurement",
        _ => "other",
    };

    /// <summary>Nearest-rank percentile of a sorted list, or null when empty.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        NearestRank.Percentile(sorted, p) is { } value ? Math.Round(value, 1) : null;
}
