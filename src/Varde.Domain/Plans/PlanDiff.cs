using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Domain.Plans;

/// <summary>
/// One readable difference between two plan versions: what changed, and the lines before and after (none is an empty
/// list), each in bokmål and English as <see cref="PlanWording"/> writes them.
/// </summary>
public sealed record PlanChange(PlanText What, IReadOnlyList<PlanText> Before, IReadOnlyList<PlanText> After);

/// <summary>
/// What changed from one plan version to the next, for people: each threshold bound, the trend, questionnaire and
/// NEWS2 rules, the schedule, the zone instructions, and the patient's goals, ways to stay well and contacts.
/// The first version is compared with an empty plan, so everything it sets is listed.
/// </summary>
public static class PlanDiff
{
    public static IReadOnlyList<PlanChange> Between(PlanVersion? before, PlanVersion after, Questionnaires.QuestionnaireCatalogue questionnaires)
    {
        var changes = new List<PlanChange>();
        var quantities = (before?.Thresholds ?? []).Select(t => t.Quantity).Union(after.Thresholds.Select(t => t.Quantity)).Order();
        foreach (var quantity in quantities)
        {
            var q = MeasurementCatalogue.Get(quantity);
            var old = before?.ThresholdFor(quantity);
            var now = after.ThresholdFor(quantity);
            Bound(changes, q, TriageOutcome.Red, below: true, old?.RedLow, now?.RedLow);
            Bound(changes, q, TriageOutcome.Yellow, below: true, old?.YellowLow, now?.YellowLow);
            Bound(changes, q, TriageOutcome.Yellow, below: false, old?.YellowHigh, now?.YellowHigh);
            Bound(changes, q, TriageOutcome.Red, below: false, old?.RedHigh, now?.RedHigh);
        }

        var a = before?.Rules ?? PlanRules.None;
        var b = after.Rules;
        Lines(changes, new("Endring over tid", "Change over time"), a.Changes.Select(PlanWording.Trend), b.Changes.Select(PlanWording.Trend));
        Lines(changes, new("Gul flere ganger på rad", "Yellow several times in a row"), Optional(a.ConsecutiveYellow, PlanWording.Run), Optional(b.ConsecutiveYellow, PlanWording.Run));
        Lines(changes, new("Poengsum i spørreskjema", "Questionnaire scores"), a.ScoreBands.Select(x => PlanWording.Band(x, questionnaires)), b.ScoreBands.Select(x => PlanWording.Band(x, questionnaires)));
        Lines(changes, new("Svar i spørreskjema", "Questionnaire answers"), a.Answers.Select(x => PlanWording.Answer(x, questionnaires)), b.Answers.Select(x => PlanWording.Answer(x, questionnaires)));
        Lines(changes, new("NEWS2", "NEWS2"), Optional(a.News2, PlanWording.News2), Optional(b.News2, PlanWording.News2));
        Lines(changes, new("Måleplan", "Schedule"), a.Schedule.Select(x => PlanWording.Schedule(x, questionnaires)), b.Schedule.Select(x => PlanWording.Schedule(x, questionnaires)));
        Text(changes, new("Hva gjør du i grønt", "What to do in green"), a.Instructions?.Green, b.Instructions?.Green);
        Text(changes, new("Hva gjør du i gult", "What to do in yellow"), a.Instructions?.Yellow, b.Instructions?.Yellow);
        Text(changes, new("Hva gjør du i rødt", "What to do in red"), a.Instructions?.Red, b.Instructions?.Red);
        Lines(changes, new("Egen instruks for en måling eller et skjema", "Own instruction for one measurement or questionnaire"),
            (a.Instructions?.Subjects ?? []).SelectMany(x => PlanWording.Instructions(x, questionnaires)), (b.Instructions?.Subjects ?? []).SelectMany(x => PlanWording.Instructions(x, questionnaires)));
        Lines(changes, new("Mål", "Goals"), Written(a.Guidance?.Goals), Written(b.Guidance?.Goals));
        Lines(changes, new("Slik holder du deg frisk", "Staying well"), Written(a.Guidance?.StayingWell), Written(b.Guidance?.StayingWell));
        Lines(changes, new("Kontakter", "Contacts"), (a.Guidance?.Contacts ?? []).Select(PlanWording.Contact), (b.Guidance?.Contacts ?? []).Select(PlanWording.Contact));
        return changes;
    }

    private static void Bound(List<PlanChange> changes, QuantityDefinition q, TriageOutcome zone, bool below, decimal? before, decimal? after)
    {
        if (before != after)
            changes.Add(new(PlanWording.Bound(q, zone, below), Amount(before, q), Amount(after, q)));
    }

    private static List<PlanText> Amount(decimal? value, QuantityDefinition q) => value is { } v ? [PlanWording.Amount(v, q)] : [];

    private static void Text(List<PlanChange> changes, PlanText what, string? before, string? after) =>
        Lines(changes, what, Written(string.IsNullOrEmpty(before) ? [] : [before]), Written(string.IsNullOrEmpty(after) ? [] : [after]));

    private static void Lines(List<PlanChange> changes, PlanText what, IEnumerable<PlanText> before, IEnumerable<PlanText> after)
    {
        var a = before.ToList();
        var b = after.ToList();
        if (!a.SequenceEqual(b))
            changes.Add(new(what, a, b));
    }

    private static IEnumerable<PlanText> Optional<T>(T? rule, Func<T, PlanText> describe) where T : class =>
        rule is null ? [] : [describe(rule)];

    private static IEnumerable<PlanText> Written(IEnumerable<string>? lines) => (lines ?? []).Select(PlanText.Written);
}
