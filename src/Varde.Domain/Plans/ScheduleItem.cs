using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Domain.Plans;

/// <summary>
/// Something the patient is to report: one measurement type or one questionnaire, on given weekdays, by a local time
/// (Norwegian time). A report missing at <see cref="DueBy"/> plus <see cref="GraceMinutes"/> raises a "missing" item. Which
/// questionnaires exist is checked against the installation's catalogue (<see cref="QuestionnaireReferences"/>).
/// </summary>
public sealed record ScheduleItem(
    MeasurementType? Measurement,
    string? QuestionnaireId,
    IReadOnlyList<DayOfWeek> Days,
    TimeOnly DueBy,
    int GraceMinutes = 120,
    TriageOutcome MissingZone = TriageOutcome.Yellow)
{
    public static IReadOnlyList<DayOfWeek> EveryDay { get; } = Enum.GetValues<DayOfWeek>();

    /// <summary>A stable key for what is due: "measurement:BodyWeight", "questionnaire:cat".</summary>
    public string Key => Measurement is { } m ? $"measurement:{m}" : $"questionnaire:{QuestionnaireId}";

    public TimeSpan Grace => TimeSpan.FromMinutes(GraceMinutes);

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
