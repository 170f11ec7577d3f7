using Varde.Domain.Alerts;
using Varde.Domain.Services;
using Varde.Domain.Triage;

namespace Varde.Domain.Statistics;

/// <summary>What the work figures need of an alert: when it opened, what it was, when it was seen and how it ended, and its service's goal.</summary>
public sealed record AlertFact(DateTimeOffset OpenedAt, TriageOutcome Zone, AlertCategory Category, DateTimeOffset? AcknowledgedAt, bool Handled, bool WithAction,
    int GoalMinutes);

/// <summary>A message or a held video call with a patient: when (sent; the call's start) and which.</summary>
public sealed record ContactFact(DateTimeOffset At, ContactKind Kind);

public enum ContactKind
{
    MessageFromPatient,
    MessageFromService,

    /// <summary>A video call that took place (two people were in it), counted when it started.</summary>
    VideoCall,
}

/// <summary>
/// One week (Monday to Sunday) or month of a service's work, cut to the period: the patients followed and their days,
/// reports per patient-week, alerts per 100 patient-days by zone and kind, the percentage of alerts seen within the
/// service's goal (its escalation time), the percentage of handled alerts acted on, the median and 90th percentile minutes to
/// acknowledge, the messages (each way) and video calls with the patients, also per 100 patient-days, and for one service
/// the nurse-hours on duty and the patients followed per nurse on duty (the mean followed ÷ the mean on duty while anyone
/// was; <see cref="DutyTime"/>), hidden when only one or two people were on duty. Every number is hidden when fewer than
/// 5 patients were followed (<see cref="SmallNumbers"/>).
/// </summary>
public sealed record WorkBucket(
    DateOnly From,
    DateOnly To,
    Shown PatientsFollowed,
    ShownNumber PatientDays,
    ShownNumber Reports,
    ShownNumber ReportsPerPatientWeek,
    ShownNumber RedPer100PatientDays,
    ShownNumber YellowPer100PatientDays,
    ShownNumber CheckMeasurementPer100PatientDays,
    ShownNumber MissingReportPer100PatientDays,
    ShownNumber PercentSeenWithinGoal,
    ShownNumber PercentHandledWithAction,
    ShownNumber MedianMinutesToAcknowledge,
    ShownNumber P90MinutesToAcknowledge,
    ShownNumber MessagesFromPatients,
    ShownNumber MessagesFromService,
    ShownNumber VideoCalls,
    ShownNumber MessagesFromPatientsPer100PatientDays,
    ShownNumber VideoCallsPer100PatientDays,
    ShownNumber NurseHoursOnDuty,
    ShownNumber PatientsPerNurseOnDuty);

/// <summary>Minutes to acknowledge the alerts opened in one hour of the day (Norwegian time), over the whole period; hidden under 5 alerts.</summary>
public sealed record HourFigure(int Hour, int? Alerts, ShownNumber MedianMinutes, ShownNumber P90Minutes);

/// <summary>The work and capacity figures of a scope over a period, as a series of weeks or months and by hour of day (issue 21 item 2).</summary>
public sealed record WorkFigures(string Interval, IReadOnlyList<WorkBucket> Buckets, IReadOnlyList<HourFigure> AcknowledgeByHour)
{
    public const string Week = "week";
    public const string Month = "month";

    /// <summary>The longest period for weekly figures (two years); monthly ones may cover ten.</summary>
    public const int LongestWeekly = 731;

    /// <remarks>An alert not yet seen whose goal has not run out by <paramref name="now"/> is not counted in the share seen
    /// within the goal. Reports come as tallies: each report received, or the count of an hour (<see cref="ReportHour"/>),
    /// which lies within one Norwegian day. Messages and video calls count in the Norwegian day they were sent or started.
    /// Without <paramref name="duty"/> (a scope whose nurses also serve patients outside it) the duty figures are not made.</remarks>
    public static WorkFigures Of(IReadOnlyCollection<PatientFacts> patients, IReadOnlyList<ReportTally> reportsReceived, IReadOnlyList<AlertFact> alerts,
        IReadOnlyList<ContactFact> contacts, StatisticsPeriod period, string interval, DateTimeOffset now, IReadOnlyList<DutySpan>? duty = null)
    {
        var contactsByDay = contacts.ToLookup(c => NorwegianTime.Today(c.At), c => c.Kind);
        var periods = Split(period, interval).ToList();
        var (followedIn, daysIn) = FollowedIn(patients, periods);
        var reportsByDay = reportsReceived.GroupBy(r => NorwegianTime.Today(r.At)).Select(d => (Day: d.Key, Reports: d.Sum(r => r.Reports))).ToList();
        // Each alert's Norwegian time worked out once (not once per bucket and hour: at national scale that was millions).
        var alertTimes = alerts.Select(a => (Local: NorwegianTime.ToLocal(a.OpenedAt), Alert: a)).ToList();
        var alertsByDay = alertTimes.ToLookup(a => DateOnly.FromDateTime(a.Local), a => a.Alert);
        var buckets = periods.Select((bucket, i) =>
        {
            var followed = followedIn[i];
            double days = daysIn[i];
            var opened = Enumerable.Range(0, bucket.Days).SelectMany(d => alertsByDay[bucket.From.AddDays(d)]).ToList();
            var acknowledged = opened.Where(a => a.AcknowledgedAt is not null).ToList();
            var waits = acknowledged.Select(a => (a.AcknowledgedAt!.Value - a.OpenedAt).TotalMinutes).Order().ToList();
            var handled = opened.Where(a => a.Handled).ToList();
            var reports = reportsByDay.Where(d => bucket.Contains(d.Day)).Sum(d => d.Reports);
            ShownNumber Shown(double? value) => SmallNumbers.Number(value, followed);
            double? Per100(Func<AlertFact, bool> which) => days > 0 ? 100.0 * opened.Count(which) / days : null;
            var contactsIn = Enumerable.Range(0, bucket.Days).SelectMany(d => contactsByDay[bucket.From.AddDays(d)]).ToList();
            int Contacts(ContactKind kind) => contactsIn.Count(k => k == kind);
            double? ContactsPer100(ContactKind kind) => days > 0 ? 100.0 * Contacts(kind) / days : null;
            var onDuty = duty is null ? (DutyTime?)null
                : DutyTime.Between(duty, NorwegianTime.ToInstant(bucket.From, TimeOnly.MinValue), NorwegianTime.ToInstant(bucket.To.AddDays(1), TimeOnly.MinValue));
            ShownNumber DutyShown(double? value) => onDuty is { Hides: true } ? new(null, true) : Shown(value);
            return new WorkBucket(bucket.From, bucket.To, SmallNumbers.Count(followed), Shown(days), Shown(reports),
                Shown(days > 0 ? reports / (days / 7) : null),
                Shown(Per100(a => a.Category == AlertCategory.Clinical && a.Zone == TriageOutcome.Red)),
                Shown(Per100(a => a.Category == AlertCategory.Clinical && a.Zone == TriageOutcome.Yellow)),
                Shown(Per100(a => a.Category == AlertCategory.CheckMeasurement)),
                Shown(Per100(a => a.Category == AlertCategory.MissingReport)),
                Shown(PercentSeenWithinGoal(opened, now)),
                Shown(handled.Count > 0 ? 100.0 * handled.Count(a => a.WithAction) / handled.Count : null),
                Shown(NearestRank.Percentile(waits, 0.5)),
                Shown(NearestRank.Percentile(waits, 0.9)),
                Shown(Contacts(ContactKind.MessageFromPatient)),
                Shown(Contacts(ContactKind.MessageFromService)),
                Shown(Contacts(ContactKind.VideoCall)),
                Shown(ContactsPer100(ContactKind.MessageFromPatient)),
                Shown(ContactsPer100(ContactKind.VideoCall)),
                DutyShown(onDuty?.NurseHours),
                DutyShown(onDuty?.MeanNursesOnDuty is { } nurses && days > 0 ? days / bucket.Days / nurses : null));
        }).ToList();

        var waitsByHour = alertTimes.Where(a => a.Alert.AcknowledgedAt is not null && period.Contains(DateOnly.FromDateTime(a.Local)))
            .ToLookup(a => a.Local.Hour, a => (a.Alert.AcknowledgedAt!.Value - a.Alert.OpenedAt).TotalMinutes);
        var byHour = Enumerable.Range(0, 24).Select(hour =>
        {
            var waits = waitsByHour[hour].Order().ToList();
            return new HourFigure(hour, SmallNumbers.Hides(waits.Count) ? null : waits.Count, SmallNumbers.Number(NearestRank.Percentile(waits, 0.5), waits.Count), SmallNumbers.Number(NearestRank.Percentile(waits, 0.9), waits.Count));
        }).ToList();
        return new WorkFigures(interval, buckets, byHour);
    }

    // For each bucket, the patients followed on some day of it and their days followed in it, in one pass over the
    // patients' periods of follow-up (no list and set of patients per bucket: at national scale that was 100,000 each).
    // A patient counts once in a bucket however many of their periods touch it.
    private static (int[] Followed, long[] Days) FollowedIn(IReadOnlyCollection<PatientFacts> patients, List<StatisticsPeriod> buckets)
    {
        var followed = new int[buckets.Count];
        var days = new long[buckets.Count];
        var countedFor = new int[buckets.Count]; // the last patient (numbered from 1) counted in each bucket
        var patient = 0;
        foreach (var facts in patients)
        {
            patient++;
            foreach (var episode in facts.Episodes())
            {
                for (var i = 0; i < buckets.Count; i++)
                {
                    var inBucket = episode.DaysIn(buckets[i]);
                    if (inBucket == 0)
                        continue;
                    days[i] += inBucket;
                    if (countedFor[i] != patient)
                    {
                        countedFor[i] = patient;
                        followed[i]++;
                    }
                }
            }
        }

        return (followed, days);
    }

    private static double? PercentSeenWithinGoal(List<AlertFact> opened, DateTimeOffset now)
    {
        var decided = opened.Where(a => a.AcknowledgedAt is not null || a.OpenedAt.AddMinutes(a.GoalMinutes) <= now).ToList();
        return decided.Count > 0 ? 100.0 * decided.Count(a => a.AcknowledgedAt is { } at && (at - a.OpenedAt).TotalMinutes <= a.GoalMinutes) / decided.Count : null;
    }

    /// <summary>The weeks (Monday to Sunday) or calendar months the period touches, each cut to the period.</summary>
    public static IEnumerable<StatisticsPeriod> Split(StatisticsPeriod period, string interval)
    {
        var start = period.From;
        while (start <= period.To)
        {
            var end = interval == Week
                ? start.AddDays(((int)DayOfWeek.Sunday - (int)start.DayOfWeek + 7) % 7)
                : new DateOnly(start.Year, start.Month, 1).AddMonths(1).AddDays(-1);
            if (end > period.To)
                end = period.To;
            yield return new StatisticsPeriod(start, end);
            start = end.AddDays(1);
        }
    }
}
