using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Domain.Plans;

/// <summary>
/// Something the patient is to report: one measurement type or one questionnaire, on given weekdays, by a local time
/// (Norwegian time). A report missing at <see cref="DueBy"/> plus the grace raises a "missing" item: the item's own
/// <see cref="GraceMinutes"/>, or when it has none, the follow-up service's default
/// (<see cref="Services.ServiceSettings.DefaultGraceMinutes"/>). Which questionnaires exist is checked against the
/// installation's catalogue (<see cref="QuestionnaireReferences"/>).
/// </summary>
public sealed record ScheduleItem(
    MeasurementType? Measurement,
    string? QuestionnaireId,
    IReadOnlyList<DayOfWeek> Days,
    TimeOnly DueBy,
    int? GraceMinutes = null,
    TriageOutcome MissingZone = TriageOutcome.Yellow)
{
    public static IReadOnlyList<DayOfWeek> EveryDay { get; } = Enum.GetValues<DayOfWeek>();

    /// <summary>A stable key for what is due: "measurement:BodyWeight", "questionnaire:cat".</summary>
    public string Key => Measurement is { } m ? $"measurement:{m}" : $"questionnaire:{QuestionnaireId}";

    /// <summary>The item's own grace, or the service's default when it has none.</summary>
    public TimeSpan GraceOr(TimeSpan serviceDefault) => GraceMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : serviceDefault;

    public IEnumerable<ValidationError> Check(string field)
    {
        if ((Measurement is null) == (QuestionnaireId is null))
            yield return new(field, "A schedule item is either a measurement or a questionnaire.");
        if (Days.Count == 0)
            yield return new(field, "A schedule item needs at least one weekday.");
        if (GraceMinutes is < 0 or > 24 * 60)
            yield return new(field, "Grace is 0 minutes to 24 hours.");
        if (MissingZone is not (TriageOutcome.Yellow or TriageOutcome.Red or TriageOutcome.Green))
            yield return new(field, "A missing report raises green, yellow or red.");
    }
}
