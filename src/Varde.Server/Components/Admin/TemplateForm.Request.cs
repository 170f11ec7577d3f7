using System.Globalization;
using Microsoft.Extensions.Localization;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Server.Features.PlanTemplates;

namespace Varde.Server.Components.Admin;

public sealed partial class TemplateForm
{
    /// <summary>The request the form makes, or the problems of the numbers and times that do not read (the server checks the rest).</summary>
    public (PlanTemplateRequest? Request, List<string> Problems) ToRequest(IStringLocalizer<Ui> l)
    {
        var problems = new List<string>();
        decimal? Number(string? text, string what)
        {
            if (string.IsNullOrWhiteSpace(text))
                return null;
            if (decimal.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                return value;
            problems.Add(string.Format(CultureInfo.CurrentCulture, l["Tpl.NotANumber"], what, text));
            return null;
        }

        int Whole(string? text, string what, int fallback) =>
            Number(text, what) is { } n && n == decimal.Truncate(n) && n is >= int.MinValue and <= int.MaxValue ? (int)n : fallback;

        string QName(MeasuredQuantity q) => UiText.English ? MeasurementCatalogue.Get(q).NameEn : MeasurementCatalogue.Get(q).NameNb;

        var thresholds = Thresholds
            .Where(r => new[] { r.RedLow, r.YellowLow, r.YellowHigh, r.RedHigh }.Any(b => !string.IsNullOrWhiteSpace(b)))
            .Select(r => new QuantityThreshold(r.Quantity, Number(r.RedLow, QName(r.Quantity)), Number(r.YellowLow, QName(r.Quantity)),
                Number(r.YellowHigh, QName(r.Quantity)), Number(r.RedHigh, QName(r.Quantity))))
            .ToList();
        var schedule = new List<ScheduleItem>();
        foreach (var (row, i) in Schedule.Select((r, i) => (r, i)))
        {
            if (!TimeOnly.TryParseExact(row.DueBy?.Trim(), ["HH:mm", "H:mm", "HH.mm", "H.mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dueBy))
                problems.Add(string.Format(CultureInfo.CurrentCulture, l["Tpl.NotATime"], i + 1, row.DueBy));
            var days = Week.Where((_, d) => row.Days[d]).ToList();
            schedule.Add(row.What.StartsWith("measurement:", StringComparison.Ordinal) && Enum.TryParse<MeasurementType>(row.What["measurement:".Length..], out var type)
                ? new ScheduleItem(type, null, days, dueBy, row.GraceMinutes, row.MissingZone)
                : new ScheduleItem(null, row.What.StartsWith("questionnaire:", StringComparison.Ordinal) ? row.What["questionnaire:".Length..] : null, days, dueBy,
                    row.GraceMinutes, row.MissingZone));
        }

        var answers = Answers.Select(a => a.Answer.Split('|') is [var q, var linkId, var code] ? new AnswerRule(q, linkId, code, a.Zone) : new AnswerRule("", "", "", a.Zone)).ToList();
        var bands = Bands.Select(b => new ScoreBandRule(b.QuestionnaireId, Number(b.YellowFrom, l["Tpl.ScoreBands"]), Number(b.RedFrom, l["Tpl.ScoreBands"]))).ToList();
        var trends = Trends.Select(t => new ChangeRule(t.Quantity, Whole(t.WindowDays, QName(t.Quantity), 0), Number(t.YellowRise, QName(t.Quantity)),
            Number(t.RedRise, QName(t.Quantity)), Number(t.YellowFall, QName(t.Quantity)), Number(t.RedFall, QName(t.Quantity)))).ToList();
        var run = Run ? new ConsecutiveYellowRule(Whole(RunCount, l["Tpl.Run"], 0), Whole(RunDays, l["Tpl.Run"], 0), Loaded.ConsecutiveYellow?.Zone ?? Domain.Triage.TriageOutcome.Red) : null;
        var own = Own.Where(o => Blank(o.Yellow) is not null || Blank(o.Red) is not null).Select(o => new SubjectInstructions(o.Subject, Blank(o.Yellow), Blank(o.Red))).ToList();
        var instructions = new ZoneInstructions(Blank(Green), Blank(Yellow), Blank(Red), own);
        var guidance = new PlanGuidance(Loaded.Guidance?.Goals ?? [], Lines(StayingWell),
            Contacts.Where(c => Blank(c.Name) is not null || Blank(c.Phone) is not null).Select(c => new PlanContact(c.Name?.Trim() ?? "", Blank(c.Phone), Blank(c.When))).ToList());
        var rules = Loaded with
        {
            Changes = trends,
            ConsecutiveYellow = run,
            ScoreBands = bands,
            Answers = answers,
            Schedule = schedule,
            Instructions = instructions,
            Guidance = guidance,
        };
        return problems.Count > 0 ? (null, problems) : (new PlanTemplateRequest(Blank(Name), Diagnosis, Blank(Description), thresholds, rules, Version), problems);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static List<string> Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
