using System.Globalization;
using Varde.Domain.Measurements;

namespace Varde.Domain.Plans;

/// <summary>One readable difference between two plan versions: what (in English and bokmål), and the value before and after ("–" for none).</summary>
public sealed record PlanChange(string WhatEn, string WhatNb, string Before, string After);

/// <summary>
/// What changed from one plan version to the next, for people: each threshold bound, the trend, questionnaire and
/// NEWS2 rules, the schedule, the zone instructions, and the patient's goals, ways to stay well and contacts.
/// The first version is compared with an empty plan, so everything it sets is listed.
/// </summary>
public static class PlanDiff
{
    private const string None = "–";

    public static IReadOnlyList<PlanChange> Between(PlanVersion? before, PlanVersion after)
    {
        var changes = new List<PlanChange>();
        var quantities = (before?.Thresholds ?? []).Select(t => t.Quantity).Union(after.Thresholds.Select(t => t.Quantity)).Order();
        foreach (var quantity in quantities)
        {
            var definition = MeasurementCatalogue.Get(quantity);
            var old = before?.ThresholdFor(quantity);
            var now = after.ThresholdFor(quantity);
            Bound(changes, definition, "red below", "rød under", old?.RedLow, now?.RedLow);
            Bound(changes, definition, "yellow below", "gul under", old?.YellowLow, now?.YellowLow);
            Bound(changes, definition, "yellow above", "gul over", old?.YellowHigh, now?.YellowHigh);
            Bound(changes, definition, "red above", "rød over", old?.RedHigh, now?.RedHigh);
        }

        var a = before?.Rules ?? PlanRules.None;
        var b = after.Rules;
        Lines(changes, "Trend rules", "Trendregler", a.Changes.Select(Trend), b.Changes.Select(Trend));
        Text(changes, "Yellow several times in a row", "Gul flere ganger på rad", Run(a.ConsecutiveYellow), Run(b.ConsecutiveYellow));
        Lines(changes, "Questionnaire score bands", "Skjema: poenggrenser", a.ScoreBands.Select(Band), b.ScoreBands.Select(Band));
        Lines(changes, "Questionnaire answer rules", "Skjema: svarregler", a.Answers.Select(Answer), b.Answers.Select(Answer));
        Text(changes, "NEWS2", "NEWS2", News2(a.News2), News2(b.News2));
        Lines(changes, "Schedule", "Måleplan", a.Schedule.Select(Schedule), b.Schedule.Select(Schedule));
        Text(changes, "What to do in green", "Hva gjør du i grønt", a.Instructions?.Green, b.Instructions?.Green);
        Text(changes, "What to do in yellow", "Hva gjør du i gult", a.Instructions?.Yellow, b.Instructions?.Yellow);
        Text(changes, "What to do in red", "Hva gjør du i rødt", a.Instructions?.Red, b.Instructions?.Red);
        Lines(changes, "Goals", "Mål", a.Guidance?.Goals ?? [], b.Guidance?.Goals ?? []);
        Lines(changes, "Staying well", "Slik holder du deg frisk", a.Guidance?.StayingWell ?? [], b.Guidance?.StayingWell ?? []);
        Lines(changes, "Contacts", "Kontakter", (a.Guidance?.Contacts ?? []).Select(Contact), (b.Guidance?.Contacts ?? []).Select(Contact));
        return changes;
    }

    private static void Bound(List<PlanChange> changes, QuantityDefinition q, string en, string nb, decimal? before, decimal? after)
    {
        if (before != after)
            changes.Add(new($"{q.NameEn}: {en}", $"{q.NameNb}: {nb}", Number(before, q), Number(after, q)));
    }

    private static string Number(decimal? value, QuantityDefinition q) =>
        value is { } v ? $"{v.ToString("N" + q.Decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.GetCultureInfo("nb-NO"))} {q.DisplayUnit}" : None;

    private static void Text(List<PlanChange> changes, string en, string nb, string? before, string? after)
    {
        if (!string.Equals(before ?? "", after ?? "", StringComparison.Ordinal))
            changes.Add(new(en, nb, string.IsNullOrEmpty(before) ? None : before, string.IsNullOrEmpty(after) ? None : after));
    }

    private static void Lines(List<PlanChange> changes, string en, string nb, IEnumerable<string> before, IEnumerable<string> after)
    {
        var a = before.ToList();
        var b = after.ToList();
        if (!a.SequenceEqual(b, StringComparer.Ordinal))
            changes.Add(new(en, nb, a.Count == 0 ? None : string.Join("; ", a), b.Count == 0 ? None : string.Join("; ", b)));
    }

    // Rule values are written in bokmål, as the plan is.
    private static readonly CultureInfo Nb = CultureInfo.GetCultureInfo("nb-NO");

    private static string Zone(Triage.TriageOutcome zone) => zone switch
    {
        Triage.TriageOutcome.Red => "rød",
        Triage.TriageOutcome.Yellow => "gul",
        _ => zone.ToString(),
    };

    private static string Schedule(ScheduleItem item)
    {
        var what = item.Measurement is { } m ? MeasurementCatalogue.Get(m).NameNb : item.QuestionnaireId ?? "";
        var days = item.Days.Count is 0 or 7 ? "hver dag" : string.Join(", ", item.Days.Select(d => Nb.DateTimeFormat.GetAbbreviatedDayName(d)));
        return $"{what} {days} innen kl. {item.DueBy.ToString("HH:mm", Nb)}";
    }

    private static string Trend(ChangeRule rule)
    {
        var q = MeasurementCatalogue.Get(rule.Quantity);
        var parts = new[] { ("gul ved økning", rule.YellowRise), ("rød ved økning", rule.RedRise), ("gul ved fall", rule.YellowFall), ("rød ved fall", rule.RedFall) }
            .Where(p => p.Item2 is not null).Select(p => $"{p.Item1} {Number(p.Item2, q)}");
        return $"{q.NameNb} over {rule.WindowDays} d: {string.Join(", ", parts)}";
    }

    private static string? Run(ConsecutiveYellowRule? rule) =>
        rule is null ? null : $"{rule.Count} gule innen {rule.WithinDays} d gir {Zone(rule.Zone)}";

    private static string Band(ScoreBandRule band) =>
        $"{band.QuestionnaireId}: gul fra {band.YellowFrom?.ToString(Nb) ?? None}, rød fra {band.RedFrom?.ToString(Nb) ?? None}";

    private static string Answer(AnswerRule rule) => $"{rule.QuestionnaireId} «{rule.LinkId}» = {rule.Code} gir {Zone(rule.Zone)}";

    private static string? News2(News2Settings? s) => s is null
        ? null
        : $"gul fra {s.YellowFrom}, rød fra {s.RedFrom}, innen {s.WindowMinutes} min{(s.UseSpo2Scale2 ? ", SpO2-skala 2" : "")}";

    private static string Contact(PlanContact c) => string.Join(", ", new[] { c.Name, c.Phone, c.When }.Where(x => !string.IsNullOrWhiteSpace(x)));
}
