namespace Varde.Domain.Statistics;

/// <summary>
/// How many reports (measurements and questionnaire responses) were received in one hour (UTC) from the patients one
/// follow-up service followed in one municipality: the summary the work figures count reports from, so a leader's
/// request at national scale does not read every report's time (docs/statistics.md "Reports are counted by the hour").
/// Written by a job once the hour is over; the service and municipality are the patient's when it was counted.
/// </summary>
public sealed class ReportHour
{
    public ReportHour(DateTimeOffset hour, Guid followUpServiceId, Guid municipalityId, int reports)
    {
        if (hour.Offset != TimeSpan.Zero || hour.Ticks % TimeSpan.TicksPerHour != 0)
            throw new ArgumentException("An hour starts on the hour, in UTC.", nameof(hour));
        Hour = hour;
        FollowUpServiceId = followUpServiceId;
        MunicipalityId = municipalityId;
        Reports = reports;
    }

    /// <summary>The start of the hour, UTC. Norway's offsets are whole hours, so an hour lies within one Norwegian day.</summary>
    public DateTimeOffset Hour { get; private set; }

    public Guid FollowUpServiceId { get; private set; }

    public Guid MunicipalityId { get; private set; }

    public int Reports { get; private set; }

    /// <summary>Counts more reports in the hour (fewer, with a negative number, when a patient's reports move elsewhere).</summary>
    public void Count(int more)
    {
        if (Reports + more < 0)
            throw new InvalidOperationException("An hour cannot have fewer than no reports.");
        Reports += more;
    }

    /// <summary>The start of the UTC hour an instant falls in.</summary>
    public static DateTimeOffset HourOf(DateTimeOffset at)
    {
        var utc = at.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerHour), TimeSpan.Zero);
    }
}

/// <summary>Reports received at (or in the hour starting at) an instant: one report, or an hour's count from <see cref="ReportHour"/>.</summary>
public readonly record struct ReportTally(DateTimeOffset At, int Reports);
