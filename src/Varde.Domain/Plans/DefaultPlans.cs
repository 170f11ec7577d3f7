using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Domain.Plans;

/// <summary>
/// The plans Varde suggests per diagnosis group: what a new installation stores as its plan templates (ADR 0025), and
/// the demo's plans. A start for the nurse, never a patient's plan as it is: the thresholds are common starting points
/// to adjust from the patient's trial period, and the GP approves every plan. COPD: SpO2, pulse and temperature, the
/// daily questions and a weekly CAT (standards.md §5.2); heart failure: blood pressure and pulse, daily weight with the
/// 2 kg in 3 days rule (§5.3); diabetes: blood sugar with its own instructions. Rules for several groups add up.
/// </summary>
public static class DefaultPlans
{
    /// <summary>The groups Varde ships a template for; cancer and other needs have no common plan to suggest.</summary>
    public static IReadOnlyList<DiagnosisGroup> Groups { get; } = [DiagnosisGroup.Copd, DiagnosisGroup.HeartFailure, DiagnosisGroup.Diabetes];

    public static string Name(DiagnosisGroup d) => d switch
    {
        DiagnosisGroup.Copd => "KOLS – standard",
        DiagnosisGroup.HeartFailure => "Hjertesvikt – standard",
        DiagnosisGroup.Diabetes => "Diabetes – standard",
        _ => d.ToString(),
    };

    public const string Description = "Varde sin standardmal. Grensene er et utgangspunkt: juster dem etter pasientens utprøvingsperiode.";

    public static IReadOnlyList<QuantityThreshold> Thresholds(DiagnosisGroup d)
    {
        var thresholds = new List<QuantityThreshold>();
        if (d.HasFlag(DiagnosisGroup.Copd))
        {
            thresholds.Add(new(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m));
            thresholds.Add(new(MeasuredQuantity.BodyTemperature, YellowHigh: 38m, RedHigh: 39m));
        }

        if (d.HasFlag(DiagnosisGroup.HeartFailure))
        {
            thresholds.Add(new(MeasuredQuantity.SystolicPressure, 90m, 100m, 155m, 180m));
            thresholds.Add(new(MeasuredQuantity.DiastolicPressure, YellowHigh: 95m, RedHigh: 110m));
        }

        if (d.HasFlag(DiagnosisGroup.Copd) || d.HasFlag(DiagnosisGroup.HeartFailure))
            thresholds.Add(new(MeasuredQuantity.Pulse, 40m, 50m, 100m, 120m));
        if (d.HasFlag(DiagnosisGroup.Diabetes))
            thresholds.Add(new(MeasuredQuantity.BloodGlucose, 3m, 4m, 14m, 20m));
        return [.. thresholds.OrderBy(t => t.Quantity)];
    }

    /// <summary>The rules, schedule and zone instructions; no goals and contacts (see <see cref="Guidance"/>).</summary>
    public static PlanRules Rules(DiagnosisGroup d)
    {
        var changes = new List<ChangeRule>();
        var answers = new List<AnswerRule>();
        var schedule = new List<ScheduleItem>();
        var bands = new List<ScoreBandRule>();
        if (d.HasFlag(DiagnosisGroup.Copd))
        {
            schedule.Add(new(MeasurementType.OxygenSaturation, null, ScheduleItem.EveryDay, new TimeOnly(10, 0), 120));
            schedule.Add(new(null, QuestionnaireCatalogue.DailySymptomsId, ScheduleItem.EveryDay, new TimeOnly(10, 0), 120));
            schedule.Add(new(null, QuestionnaireCatalogue.CatId, [DayOfWeek.Monday], new TimeOnly(12, 0), 240, TriageOutcome.Green));
            answers.Add(new(QuestionnaireCatalogue.DailySymptomsId, QuestionnaireCatalogue.Daily.MoreBreathless, "yes", TriageOutcome.Yellow));
            bands.Add(new(QuestionnaireCatalogue.CatId, YellowFrom: 21, RedFrom: 31));
        }

        if (d.HasFlag(DiagnosisGroup.HeartFailure))
        {
            changes.Add(new(MeasuredQuantity.BodyWeight, 3, YellowRise: 2m, RedRise: 3m, YellowFall: 2.5m));
            schedule.Add(new(MeasurementType.BodyWeight, null, ScheduleItem.EveryDay, new TimeOnly(10, 0), 120));
            answers.Add(new(QuestionnaireCatalogue.DailySymptomsId, QuestionnaireCatalogue.Daily.ChestPain, "yes", TriageOutcome.Red));
        }

        if (d.HasFlag(DiagnosisGroup.Diabetes))
            schedule.Add(new(MeasurementType.BloodGlucose, null, ScheduleItem.EveryDay, new TimeOnly(10, 0), 180));

        return new PlanRules(changes, new ConsecutiveYellowRule(3, 7), bands, answers, null, schedule, Instructions(d));
    }

    private static ZoneInstructions Instructions(DiagnosisGroup d)
    {
        var instructions = d.HasFlag(DiagnosisGroup.HeartFailure)
            ? new ZoneInstructions("Fortsett som før. Vei deg hver morgen.",
                "Ta én ekstra tablett vanndrivende i dag, og ring oppfølgingstjenesten.",
                "Ring legevakt 116 117. Ved brystsmerter eller sterk tungpust i hvile: ring 113.")
            : new ZoneInstructions("Fortsett som før.",
                "Start med reservemedisinen etter planen, og ring oppfølgingstjenesten i dag.",
                "Ring legevakt 116 117. Ved sterk tungpust: ring 113.");
        if (!d.HasFlag(DiagnosisGroup.Diabetes))
            return instructions;
        // A high or low blood sugar is not treated like breathlessness: the plan says what to do for it in its own words.
        return instructions with
        {
            Subjects =
            [
                new(SubjectInstructions.ForMeasurement(MeasurementType.BloodGlucose),
                    "Drikk vann og mål blodsukkeret igjen om 2 timer. Ring oppfølgingstjenesten hvis det fortsatt er gult.",
                    "Lavt blodsukker: spis eller drikk noe søtt nå og mål igjen om 15 minutter. Høyt: ta insulin etter planen, drikk vann og ring oppfølgingstjenesten. Blir du tung i pusten, forvirret eller kaster opp: ring 113."),
            ],
        };
    }

    /// <summary>Ways to stay well for the group, and the contacts every patient has (out-of-hours, emergency); the patient's own goals are theirs to say.</summary>
    public static PlanGuidance Guidance(DiagnosisGroup d)
    {
        var stayingWell = new List<string> { "Ta medisinene som avtalt, også når jeg er i form", "Gå en tur ute hver dag, gjerne 20 minutter" };
        if (d.HasFlag(DiagnosisGroup.HeartFailure))
            stayingWell.Add("Drikke høyst 1,5 liter om dagen og spise lite salt");
        if (d.HasFlag(DiagnosisGroup.Copd))
            stayingWell.Add("Bruke pusteteknikken jeg lærte, og ta influensavaksinen hver høst");
        return new PlanGuidance([], stayingWell,
        [
            new PlanContact("Legevakt", "116 117", "Ved rød når oppfølgingstjenesten er stengt."),
            new PlanContact("Nødnummer", "113", "Ved fare for liv."),
        ]);
    }
}
