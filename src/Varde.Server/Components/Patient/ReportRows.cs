using Varde.Domain.Measurements;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;
using Varde.Server.Components.Shared;
using Varde.Server.Features.Patients;

namespace Varde.Server.Components.Patient;

/// <summary>A report as the patient view's table shows it, and the table's sort orders.</summary>
public sealed record ReportRow(Guid Id, DateTimeOffset EffectiveAt, DateTimeOffset ReceivedAt, string What, string Value, decimal? SortValue,
    string Unit, TriageOutcome? Zone, string Explanation, bool Late, string? SentBy = null, string? Device = null, string? Note = null)
{
    public enum SortBy
    {
        Measured,
        Received,
        What,
        Value,
        Zone,
    }

    public static ReportRow From(GetPatientOverview.Report r, bool english, QuestionnaireCatalogue questionnaires)
    {
        var explanation = r.Triage is { } t ? english ? t.Explanation.En : t.Explanation.Nb : "";
        if (r.Type is { } type)
        {
            var d = MeasurementCatalogue.Get(type);
            var value = string.Join("/", r.Values.Select((v, i) => ReadingText.Number(v, d.Components[Math.Min(i, d.Components.Count - 1)].Decimals)));
            return new(r.Id, r.EffectiveAt, r.ReceivedAt, english ? d.NameEn : d.NameNb, value, r.Values.Count > 0 ? r.Values[0] : null, d.Components[0].DisplayUnit,
                r.Triage?.Outcome, explanation, r.Triage?.Late ?? false, r.SentBy, r.Device, r.Note);
        }

        var q = questionnaires.Find(r.QuestionnaireId, r.QuestionnaireVersion) ?? questionnaires.Find(r.QuestionnaireId);
        var title = q is null ? r.QuestionnaireId ?? "" : english ? q.TitleEn : q.TitleNb;
        return new(r.Id, r.EffectiveAt, r.ReceivedAt, title, r.Values.Count > 0 ? ReadingText.Number(r.Values[0], 1) : "–",
            r.Values.Count > 0 ? r.Values[0] : null, r.Values.Count > 0 ? english ? "points" : "poeng" : "", r.Triage?.Outcome, explanation,
            r.Triage?.Late ?? false, r.SentBy);
    }

    public static IReadOnlyList<ReportRow> Sort(IEnumerable<ReportRow> rows, SortBy by, bool descending)
    {
        var ordered = by switch
        {
            SortBy.Received => rows.OrderBy(r => r.ReceivedAt),
            SortBy.What => rows.OrderBy(r => r.What, StringComparer.CurrentCulture).ThenBy(r => r.EffectiveAt),
            SortBy.Value => rows.OrderBy(r => r.What, StringComparer.CurrentCulture).ThenBy(r => r.SortValue),
            SortBy.Zone => rows.OrderBy(r => ZoneRank(r.Zone)).ThenBy(r => r.EffectiveAt),
            _ => rows.OrderBy(r => r.EffectiveAt),
        };
        var list = ordered.ToList();
        if (descending)
            list.Reverse();
        return list;
    }

    /// <summary>Green, unjudged, check-measurement, yellow, red: so "descending" puts red first.</summary>
    private static int ZoneRank(TriageOutcome? zone) => zone switch
    {
        TriageOutcome.Red => 4,
        TriageOutcome.Yellow => 3,
        TriageOutcome.SuspectedMeasurementError => 2,
        TriageOutcome.Green => 0,
        _ => 1,
    };
}
