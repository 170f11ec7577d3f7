using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Plans;

namespace Varde.Server.Components.Patient;

/// <summary>
/// Turns a patient overview into trend charts: one per measured quantity (blood pressure gives systolic and diastolic)
/// and one per scored questionnaire, each with the yellow and red bands of every plan version in force during the
/// period and a marker where a version took effect.
/// </summary>
public static class PatientCharts
{
    public static IReadOnlyList<ChartData> Build(GetPatientOverview.Response overview, DateTimeOffset from, DateTimeOffset to, bool english,
        QuestionnaireCatalogue questionnaires)
    {
        var inPeriod = overview.Reports.Where(r => r.EffectiveAt >= from && r.EffectiveAt <= to).ToList();
        var periods = PlanPeriods(overview.Plans, from, to);
        var markers = overview.Plans.Where(p => p.CreatedAt > from && p.CreatedAt <= to).Select(p => new PlanMarker(p.CreatedAt, p.Number)).ToList();
        var charts = new List<ChartData>();

        foreach (var definition in MeasurementCatalogue.All)
        {
            var reports = inPeriod.Where(r => r.Type == definition.Type).OrderBy(r => r.EffectiveAt).ToList();
            if (reports.Count == 0)
                continue;
            for (var component = 0; component < definition.Components.Count; component++)
            {
                var quantity = definition.Components[component];
                var index = component;
                var points = reports.Where(r => r.Values.Count > index)
                    .Select(r => new ChartPoint(r.EffectiveAt, r.Values[index], r.Triage?.Outcome, Explanation(r, english), r.SentBy))
                    .ToList();
                var bands = periods.SelectMany(p => Bands(p.Plan.Thresholds.FirstOrDefault(t => t.Quantity == quantity.Quantity), p.From, p.To)).ToList();
                charts.Add(new ChartData(quantity.Quantity.ToString(), english ? quantity.NameEn : quantity.NameNb, quantity.DisplayUnit, quantity.Decimals,
                    from, to, points, bands, markers));
            }
        }

        foreach (var questionnaire in questionnaires.All.Where(q => q.HasScore))
        {
            var points = inPeriod.Where(r => r.QuestionnaireId == questionnaire.Id && r.Values.Count > 0).OrderBy(r => r.EffectiveAt)
                .Select(r => new ChartPoint(r.EffectiveAt, r.Values[0], r.Triage?.Outcome, Explanation(r, english), r.SentBy)).ToList();
            if (points.Count == 0)
                continue;
            var bands = periods.SelectMany(p => ScoreBands(p.Plan.Rules.ScoreBands.FirstOrDefault(b => b.QuestionnaireId == questionnaire.Id), p.From, p.To))
                .ToList();
            charts.Add(new ChartData("questionnaire:" + questionnaire.Id, english ? questionnaire.TitleEn : questionnaire.TitleNb,
                english ? "points" : "poeng", 0, from, to, points, bands, markers));
        }

        return charts;
    }

    /// <summary>The plan versions in force during [from, to], each with the part of the period it covers.</summary>
    public static IReadOnlyList<(PlanVersionResponse Plan, DateTimeOffset From, DateTimeOffset To)> PlanPeriods(IReadOnlyList<PlanVersionResponse> plans,
        DateTimeOffset from, DateTimeOffset to)
    {
        var ordered = plans.OrderBy(p => p.CreatedAt).ToList();
        var periods = new List<(PlanVersionResponse, DateTimeOffset, DateTimeOffset)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var start = ordered[i].CreatedAt > from ? ordered[i].CreatedAt : from;
            var end = i + 1 < ordered.Count && ordered[i + 1].CreatedAt < to ? ordered[i + 1].CreatedAt : to;
            if (start < end)
                periods.Add((ordered[i], start, end));
        }

        return periods;
    }

    /// <summary>The red and yellow bands of one threshold (a value strictly beyond a bound is in the next zone).</summary>
    public static IEnumerable<ChartBand> Bands(QuantityThreshold? t, DateTimeOffset from, DateTimeOffset to)
    {
        if (t is null)
            yield break;
        if (t.RedLow is { } redLow)
            yield return new ChartBand(from, to, null, redLow, "red");
        if (t.YellowLow is { } yellowLow)
            yield return new ChartBand(from, to, t.RedLow, yellowLow, "yellow");
        if (t.YellowHigh is { } yellowHigh)
            yield return new ChartBand(from, to, yellowHigh, t.RedHigh, "yellow");
        if (t.RedHigh is { } redHigh)
            yield return new ChartBand(from, to, redHigh, null, "red");
    }

    private static IEnumerable<ChartBand> ScoreBands(ScoreBandRule? rule, DateTimeOffset from, DateTimeOffset to)
    {
        if (rule?.YellowFrom is { } yellow)
            yield return new ChartBand(from, to, yellow, rule.RedFrom, "yellow");
        if (rule?.RedFrom is { } red)
            yield return new ChartBand(from, to, red, null, "red");
    }

    private static string Explanation(GetPatientOverview.Report r, bool english) =>
        r.Triage is { } t ? english ? t.Explanation.En : t.Explanation.Nb : english ? "Not judged." : "Ikke vurdert.";
}
