using System.Globalization;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Triage;
using Varde.Server.Components.Shared;
using Varde.Server.Features.PlanTemplates;

namespace Varde.Server.Components.Admin;

/// <summary>
/// A plan template as the template screen edits it: texts as typed (numbers in bokmål or English notation), one row
/// per threshold, schedule item, questionnaire rule, trend rule, own instruction and contact. What the screen does not
/// edit (NEWS2, the patient's own goals, grace and missing zone of a schedule item, how late is late) is kept from the
/// template as loaded. <see cref="ToRequest"/> gives the request, or the rows whose numbers do not read.
/// </summary>
public sealed partial class TemplateForm
{
    public sealed class ThresholdRow(MeasuredQuantity quantity)
    {
        public MeasuredQuantity Quantity { get; } = quantity;
        public string? RedLow { get; set; }
        public string? YellowLow { get; set; }
        public string? YellowHigh { get; set; }
        public string? RedHigh { get; set; }
    }

    public sealed class ScheduleRow
    {
        public string What { get; set; } = "";
        public bool[] Days { get; } = new bool[7];
        public string DueBy { get; set; } = "10:00";
        /// <summary>The item's own grace; none: the service's default (ADR 0028).</summary>
        public int? GraceMinutes { get; set; }
        public TriageOutcome MissingZone { get; set; } = TriageOutcome.Yellow;
    }

    public sealed class AnswerRow
    {
        /// <summary>"questionnaireId|linkId|code".</summary>
        public string Answer { get; set; } = "";
        public TriageOutcome Zone { get; set; } = TriageOutcome.Yellow;
    }

    public sealed class BandRow
    {
        public string QuestionnaireId { get; set; } = "";
        public string? YellowFrom { get; set; }
        public string? RedFrom { get; set; }
    }

    public sealed class TrendRow
    {
        public MeasuredQuantity Quantity { get; set; } = MeasuredQuantity.BodyWeight;
        public string? WindowDays { get; set; } = "3";
        public string? YellowRise { get; set; }
        public string? RedRise { get; set; }
        public string? YellowFall { get; set; }
        public string? RedFall { get; set; }
    }

    public sealed class OwnRow(string subject)
    {
        public string Subject { get; } = subject;
        public string? Yellow { get; set; }
        public string? Red { get; set; }
    }

    public sealed class ContactRow
    {
        public string? Name { get; set; }
        public string? Phone { get; set; }
        public string? When { get; set; }
    }

    /// <summary>Monday first, as the screen shows the days.</summary>
    public static readonly DayOfWeek[] Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public string? Name { get; set; }
    public DiagnosisGroup? Diagnosis { get; set; }
    public string? Description { get; set; }
    public List<ThresholdRow> Thresholds { get; } = [];
    public List<ScheduleRow> Schedule { get; } = [];
    public List<AnswerRow> Answers { get; } = [];
    public List<BandRow> Bands { get; } = [];
    public List<TrendRow> Trends { get; } = [];
    public bool Run { get; set; }
    public string? RunCount { get; set; } = "3";
    public string? RunDays { get; set; } = "7";
    public string? Green { get; set; }
    public string? Yellow { get; set; }
    public string? Red { get; set; }
    public List<OwnRow> Own { get; } = [];
    public string? StayingWell { get; set; }
    public List<ContactRow> Contacts { get; } = [];

    /// <summary>The rules as loaded: what the screen does not edit is kept from them.</summary>
    public PlanRules Loaded { get; private set; } = PlanRules.None;

    /// <summary>The version the change is made from; null for a new template.</summary>
    public int? Version { get; private set; }

    public static TemplateForm From(PlanTemplateResponse? t)
    {
        var form = new TemplateForm { Name = t?.Name, Diagnosis = t?.Diagnosis, Description = t?.Description, Version = t?.Version, Loaded = t?.Rules.Normalised() ?? PlanRules.None };
        var rules = form.Loaded;
        form.Thresholds.AddRange((t?.Thresholds ?? []).Select(x =>
        {
            var q = MeasurementCatalogue.Get(x.Quantity);
            return new ThresholdRow(x.Quantity) { RedLow = N(x.RedLow, q.Decimals), YellowLow = N(x.YellowLow, q.Decimals), YellowHigh = N(x.YellowHigh, q.Decimals), RedHigh = N(x.RedHigh, q.Decimals) };
        }));
        foreach (var s in rules.Schedule)
        {
            var row = new ScheduleRow { What = s.Key, DueBy = s.DueBy.ToString("HH:mm", CultureInfo.InvariantCulture), GraceMinutes = s.GraceMinutes, MissingZone = s.MissingZone };
            for (var i = 0; i < 7; i++)
                row.Days[i] = s.Days.Contains(Week[i]);
            form.Schedule.Add(row);
        }

        form.Answers.AddRange(rules.Answers.Select(a => new AnswerRow { Answer = $"{a.QuestionnaireId}|{a.LinkId}|{a.Code}", Zone = a.Zone }));
        form.Bands.AddRange(rules.ScoreBands.Select(b => new BandRow { QuestionnaireId = b.QuestionnaireId, YellowFrom = N(b.YellowFrom, 2), RedFrom = N(b.RedFrom, 2) }));
        form.Trends.AddRange(rules.Changes.Select(c => new TrendRow
        {
            Quantity = c.Quantity, WindowDays = c.WindowDays.ToString(CultureInfo.InvariantCulture), YellowRise = N(c.YellowRise, 2), RedRise = N(c.RedRise, 2),
            YellowFall = N(c.YellowFall, 2), RedFall = N(c.RedFall, 2),
        }));
        (form.Run, form.RunCount, form.RunDays) = rules.ConsecutiveYellow is { } run
            ? (true, run.Count.ToString(CultureInfo.InvariantCulture), run.WithinDays.ToString(CultureInfo.InvariantCulture)) : (t is null, "3", "7");
        (form.Green, form.Yellow, form.Red) = (rules.Instructions?.Green, rules.Instructions?.Yellow, rules.Instructions?.Red);
        form.Own.AddRange((rules.Instructions?.Subjects ?? []).Select(s => new OwnRow(s.Subject) { Yellow = s.Yellow, Red = s.Red }));
        form.StayingWell = string.Join("\n", rules.Guidance?.StayingWell ?? []);
        form.Contacts.AddRange((rules.Guidance?.Contacts ?? []).Select(c => new ContactRow { Name = c.Name, Phone = c.Phone, When = c.When }));
        return form;
    }

    private static string? N(decimal? value, int decimals) => value is { } v ? ReadingText.Number(v, decimals) : null;
}
