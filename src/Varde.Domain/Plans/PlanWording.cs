using System.Globalization;
using Varde.Domain.Measurements;
using Varde.Domain.Questionnaires;
using Varde.Domain.Services;
using Varde.Domain.Triage;

namespace Varde.Domain.Plans;

/// <summary>
/// Every rule of a plan in plain words, in bokmål and English: the one describer behind the GP's approval screen, the
/// plan summary and the printed plan. Measurements by their name and unit (decimal comma in bokmål), questionnaires by
/// their title (current version, from the installation's <see cref="QuestionnaireCatalogue"/>), questions by their text and
/// answers by what the patient chose, never by ids or codes.
/// </summary>
public static class PlanWording
{
    /// <summary>A number as the quantity keeps it, without trailing zeros: "82,4" and "82.4".</summary>
    public static PlanText Number(decimal value, QuantityDefinition q)
    {
        var en = Math.Round(value, q.Decimals, MidpointRounding.AwayFromZero)
            .ToString(q.Decimals == 0 ? "0" : "0." + new string('#', q.Decimals), CultureInfo.InvariantCulture);
        return new(en.Replace('.', ','), en);
    }

    /// <summary>A number with its unit: "82,4 kg" and "82.4 kg".</summary>
    public static PlanText Amount(decimal value, QuantityDefinition q)
    {
        var n = Number(value, q);
        return new($"{n.Nb} {q.DisplayUnit}", $"{n.En} {q.DisplayUnit}");
    }

    /// <summary>Which bound of a threshold: "SpO2: rød under" and "SpO2: red below".</summary>
    public static PlanText Bound(QuantityDefinition q, TriageOutcome zone, bool below) =>
        new($"{q.NameNb}: {ZoneNb(zone)} {(below ? "under" : "over")}", $"{q.NameEn}: {ZoneEn(zone)} {(below ? "below" : "above")}");

    /// <summary>"Vekt i løpet av 3 dager: økning på mer enn 2 kg gir gul, mer enn 3 kg gir rød; fall på mer enn 2,5 kg gir gul".</summary>
    public static PlanText Trend(ChangeRule rule)
    {
        var q = MeasurementCatalogue.Get(rule.Quantity);
        var rise = Limits(q, rule.YellowRise, rule.RedRise, "økning på mer enn", "a rise of more than");
        var fall = Limits(q, rule.YellowFall, rule.RedFall, "fall på mer enn", "a fall of more than");
        var parts = new[] { rise, fall }.OfType<PlanText>().ToList();
        return new($"{q.NameNb} i løpet av {Days(rule.WindowDays).Nb}: {string.Join("; ", parts.Select(p => p.Nb))}",
            $"{q.NameEn} within {Days(rule.WindowDays).En}: {string.Join("; ", parts.Select(p => p.En))}");
    }

    /// <summary>"3 gule resultater på rad for samme måling innen 7 dager gir rød".</summary>
    public static PlanText Run(ConsecutiveYellowRule rule) =>
        new($"{rule.Count} gule resultater på rad for samme måling innen {Days(rule.WithinDays).Nb} gir {ZoneNb(rule.Zone)}",
            $"{rule.Count} yellow results in a row for the same measurement within {Days(rule.WithinDays).En} give {ZoneEn(rule.Zone)}");

    /// <summary>"CAT-poengsum 21 eller mer gir gul, 31 eller mer gir rød".</summary>
    public static PlanText Band(ScoreBandRule band, QuestionnaireCatalogue questionnaires)
    {
        var q = questionnaires.Find(band.QuestionnaireId);
        var nb = q?.ScoreNameNb ?? (q is null ? $"Poengsum i «{band.QuestionnaireId}»" : $"Poengsum i «{q.TitleNb}»");
        var en = q?.ScoreNameEn ?? (q is null ? $"Score in “{band.QuestionnaireId}”" : $"Score in “{q.TitleEn}”");
        var limits = new[] { (TriageOutcome.Yellow, band.YellowFrom), (TriageOutcome.Red, band.RedFrom) }.Where(l => l.Item2 is not null).ToList();
        return new($"{nb} {string.Join(", ", limits.Select(l => $"{Plain(l.Item2!.Value).Nb} eller mer gir {ZoneNb(l.Item1)}"))}",
            $"{en} {string.Join(", ", limits.Select(l => $"{Plain(l.Item2!.Value).En} or more gives {ZoneEn(l.Item1)}"))}");
    }

    /// <summary>"Spørreskjema «Daglige spørsmål»: svar «Ja» på «Er du mer tungpustet enn vanlig?» gir gul".</summary>
    public static PlanText Answer(AnswerRule rule, QuestionnaireCatalogue questionnaires)
    {
        var q = questionnaires.Find(rule.QuestionnaireId);
        var item = q?.Item(rule.LinkId);
        var option = item?.Options.FirstOrDefault(o => o.Code == rule.Code);
        return new(
            $"Spørreskjema «{q?.TitleNb ?? rule.QuestionnaireId}»: svar «{option?.TextNb ?? rule.Code}» på «{item?.TextNb ?? rule.LinkId}» gir {ZoneNb(rule.Zone)}",
            $"Questionnaire “{q?.TitleEn ?? rule.QuestionnaireId}”: the answer “{option?.TextEn ?? rule.Code}” to “{item?.TextEn ?? rule.LinkId}” gives {ZoneEn(rule.Zone)}");
    }

    /// <summary>"NEWS2-poengsum 5 eller mer gir gul, 7 eller mer gir rød; 3 poeng i én parameter gir gul (målinger innen 120 minutter)".</summary>
    public static PlanText News2(News2Settings s) =>
        new($"NEWS2-poengsum {s.YellowFrom} eller mer gir gul, {s.RedFrom} eller mer gir rød"
            + (s.SingleParameterThreeIsYellow ? "; 3 poeng i én parameter gir gul" : "")
            + $" (målinger innen {s.WindowMinutes} minutter{(s.UseSpo2Scale2 ? ", SpO2 etter skala 2" : "")})",
            $"NEWS2 score {s.YellowFrom} or more gives yellow, {s.RedFrom} or more gives red"
            + (s.SingleParameterThreeIsYellow ? "; 3 points in one parameter gives yellow" : "")
            + $" (readings within {s.WindowMinutes} minutes{(s.UseSpo2Scale2 ? ", SpO2 on scale 2" : "")})");

    /// <summary>"SpO2 hver dag innen kl. 10:00", "Spørreskjema «Daglige spørsmål» hver mandag innen kl. 12:00".</summary>
    public static PlanText Schedule(ScheduleItem item, QuestionnaireCatalogue questionnaires)
    {
        var what = What(item, questionnaires);
        var time = DisplayTime.TimeOfDay(item.DueBy);
        return new($"{what.Nb} {DaysOfWeek(item.Days, Nb, "hver dag", "og")} innen kl. {time}",
            $"{what.En} {DaysOfWeek(item.Days, CultureInfo.InvariantCulture, "every day", "and")} by {time}");
    }

    /// <summary>What a schedule item asks for: the measurement's name, or the questionnaire by its title.</summary>
    public static PlanText What(ScheduleItem item, QuestionnaireCatalogue questionnaires)
    {
        if (item.Measurement is { } m)
            return new(MeasurementCatalogue.Get(m).NameNb, MeasurementCatalogue.Get(m).NameEn);
        var q = questionnaires.Find(item.QuestionnaireId);
        return new($"Spørreskjema «{q?.TitleNb ?? item.QuestionnaireId}»", $"Questionnaire “{q?.TitleEn ?? item.QuestionnaireId}”");
    }

    /// <summary>The kind of report a zone instruction is for: "Blodsukker", "Spørreskjema «CAT …»".</summary>
    public static PlanText Subject(string subject, QuestionnaireCatalogue questionnaires)
    {
        if (new SubjectInstructions(subject, null, null).Measurement is { } type)
        {
            var m = MeasurementCatalogue.Get(type);
            return new(m.NameNb, m.NameEn);
        }

        var id = subject.StartsWith("questionnaire:", StringComparison.Ordinal) ? subject["questionnaire:".Length..] : subject;
        var q = questionnaires.Find(id);
        return new($"Spørreskjema «{q?.TitleNb ?? id}»", $"Questionnaire “{q?.TitleEn ?? id}”");
    }

    /// <summary>"Blodsukker i gult: …" for one zone of a kind's own instruction.</summary>
    public static IEnumerable<PlanText> Instructions(SubjectInstructions s, QuestionnaireCatalogue questionnaires)
    {
        var what = Subject(s.Subject, questionnaires);
        if (!string.IsNullOrWhiteSpace(s.Yellow))
            yield return new($"{what.Nb} i gult: {s.Yellow}", $"{what.En} in yellow: {s.Yellow}");
        if (!string.IsNullOrWhiteSpace(s.Red))
            yield return new($"{what.Nb} i rødt: {s.Red}", $"{what.En} in red: {s.Red}");
    }

    /// <summary>A contact: "Legevakt, 116 117, Ved rød når oppfølgingstjenesten er stengt."</summary>
    public static PlanText Contact(PlanContact c) =>
        PlanText.Written(string.Join(", ", new[] { c.Name, c.Phone, c.When }.Where(x => !string.IsNullOrWhiteSpace(x))));

    private static readonly CultureInfo Nb = CultureInfo.GetCultureInfo("nb-NO");

    private static PlanText? Limits(QuantityDefinition q, decimal? yellow, decimal? red, string nb, string en)
    {
        var set = new[] { (TriageOutcome.Yellow, yellow), (TriageOutcome.Red, red) }.Where(l => l.Item2 is not null).ToList();
        if (set.Count == 0)
            return null;
        return new($"{nb} {string.Join(", mer enn ", set.Select(l => $"{Amount(l.Item2!.Value, q).Nb} gir {ZoneNb(l.Item1)}"))}",
            $"{en} {string.Join(", more than ", set.Select(l => $"{Amount(l.Item2!.Value, q).En} gives {ZoneEn(l.Item1)}"))}");
    }

    private static PlanText Plain(decimal value)
    {
        var en = value.ToString("0.##", CultureInfo.InvariantCulture);
        return new(en.Replace('.', ','), en);
    }

    private static PlanText Days(int days) => days == 1 ? new("1 dag", "1 day") : new($"{days} dager", $"{days} days");

    private static string DaysOfWeek(IReadOnlyList<DayOfWeek> days, CultureInfo culture, string everyDay, string and)
    {
        if (days.Count is 0 or 7)
            return everyDay;
        var names = days.Order().OrderBy(d => d == DayOfWeek.Sunday).Select(d => culture.DateTimeFormat.GetDayName(d)).ToList();
        var every = culture == Nb ? "hver" : "every";
        return names.Count == 1 ? $"{every} {names[0]}" : $"{every} {string.Join(", ", names.Take(names.Count - 1))} {and} {names[^1]}";
    }

    private static string ZoneNb(TriageOutcome zone) => zone switch
    {
        TriageOutcome.Red => "rød",
        TriageOutcome.Yellow => "gul",
        TriageOutcome.Green => "grønn",
        _ => zone.ToString(),
    };

    private static string ZoneEn(TriageOutcome zone) => zone switch
    {
        TriageOutcome.Red => "red",
        TriageOutcome.Yellow => "yellow",
        TriageOutcome.Green => "green",
        _ => zone.ToString().ToLowerInvariant(),
    };
}
