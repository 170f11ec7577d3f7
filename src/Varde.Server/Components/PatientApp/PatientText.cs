using Microsoft.Extensions.Localization;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Server.Components.PatientApp;

/// <summary>Names and zone words as the patient app shows them, in the current language.</summary>
public static class PatientText
{
    public static string TypeName(IStringLocalizer<PatientUi> t, MeasurementType type) => t[$"Type.{type}"];

    public static string ItemName(IStringLocalizer<PatientUi> t, ScheduleItem item, QuestionnaireCatalogue questionnaires) =>
        item.Measurement is { } type ? TypeName(t, type) : QuestionnaireTitle(item.QuestionnaireId, questionnaires);

    public static string ItemLink(ScheduleItem item) =>
        item.Measurement is { } type ? MeasureLink(type) : $"/pasient/skjema/{item.QuestionnaireId}";

    public static string MeasureLink(MeasurementType type) => $"/pasient/maling/{Features.Measurements.MeasurementTypes.Name(type)}";

    public static string QuestionnaireTitle(string? id, QuestionnaireCatalogue questionnaires) =>
        questionnaires.Find(id) is { } q ? UiText.English ? q.TitleEn : q.TitleNb : id ?? "";

    public static string ZoneWord(IStringLocalizer<PatientUi> t, TriageOutcome? zone) => zone switch
    {
        TriageOutcome.Green or TriageOutcome.Yellow or TriageOutcome.Red or TriageOutcome.SuspectedMeasurementError => t[$"Zone.{zone}"],
        _ => t["Zone.NotJudged"],
    };

    public static string ZoneClass(TriageOutcome? zone) => zone switch
    {
        TriageOutcome.Green => "green",
        TriageOutcome.Yellow => "yellow",
        TriageOutcome.Red => "red",
        TriageOutcome.SuspectedMeasurementError => "check",
        _ => "none",
    };

    /// <summary>A time of day or a weekday and time, for "opens …".</summary>
    public static string When(DateTimeOffset at, DateTimeOffset now) =>
        Varde.Domain.Services.NorwegianTime.Today(at) == Varde.Domain.Services.NorwegianTime.Today(now)
            ? UiText.TimeOfDay(at)
            : UiText.WeekdayAndTime(at);
}
