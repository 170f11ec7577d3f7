using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Server.Demo;

/// <summary>The triage rules, schedule and zone instructions a demo patient's plan has, by diagnosis.</summary>
public static class DemoRules
{
    public static PlanRules For(DiagnosisGroup d)
    {
        var changes = new List<ChangeRule>();
        var answers = new List<AnswerRule>();
        var schedule = new List<ScheduleItem>();
        var bands = new List<ScoreBandRule>();
        var weekdays = new[] { DayOfWeek.Monday };
        if (d.HasFlag(DiagnosisGroup.Copd))
        {
            schedule.Add(new(MeasurementType.OxygenSaturation, null, ScheduleItem.EveryDay, new TimeOnly(10, 0), 120));
            schedule.Add(new(null, QuestionnaireCatalogue.DailySymptomsId, ScheduleItem.EveryDay, new TimeOnly(10, 0), 120));
            schedule.Add(new(null, QuestionnaireCatalogue.CatId, weekdays, new TimeOnly(12, 0), 240, TriageOutcome.Green));
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

        var instructions = d.HasFlag(DiagnosisGroup.HeartFailure)
            ? new ZoneInstructions("Fortsett som før. Vei deg hver morgen.",
                "Ta én ekstra tablett vanndrivende i dag, og ring oppfølgingstjenesten.",
                "Ring legevakt 116 117. Ved brystsmerter eller sterk tungpust i hvile: ring 113.")
            : new ZoneInstructions("Fortsett som før.",
                "Start med reservemedisinen etter planen, og ring oppfølgingstjenesten i dag.",
                "Ring legevakt 116 117. Ved sterk tungpust: ring 113.");
        if (d.HasFlag(DiagnosisGroup.Diabetes))
        {
            // A high or low blood sugar is not treated like breathlessness: the plan says what to do for it in its own words.
            instructions = instructions with
            {
                Subjects =
                [
                    new(SubjectInstructions.ForMeasurement(MeasurementType.BloodGlucose),
                        "Drikk vann og mål blodsukkeret igjen om 2 timer. Ring oppfølgingstjenesten hvis det fortsatt er gult.",
                        "Lavt blodsukker: spis eller drikk noe søtt nå og mål igjen om 15 minutter. Høyt: ta insulin etter planen, drikk vann og ring oppfølgingstjenesten. Blir du tung i pusten, forvirret eller kaster opp: ring 113."),
                ],
            };
        }

        return new PlanRules(changes, new ConsecutiveYellowRule(3, 7), bands, answers, null, schedule, instructions, Guidance: Guidance(d));
    }

    private static PlanGuidance Guidance(DiagnosisGroup d)
    {
        var goals = new List<string> { "Klare meg selv hjemme", "Gå tur med hunden hver dag" };
        var stayingWell = new List<string> { "Ta medisinene som avtalt, også når jeg er i form", "Gå en tur ute hver dag, gjerne 20 minutter" };
        if (d.HasFlag(DiagnosisGroup.HeartFailure))
            stayingWell.Add("Drikke høyst 1,5 liter om dagen og spise lite salt");
        if (d.HasFlag(DiagnosisGroup.Copd))
            stayingWell.Add("Bruke pusteteknikken jeg lærte, og ta influensavaksinen hver høst");
        return new PlanGuidance(goals, stayingWell,
        [
            new PlanContact("Oppfølgingstjenesten", "33 03 10 00", "Ved gul, og når du er usikker. Hverdager 08–15:30."),
            new PlanContact("Fastlegen", "33 02 20 00", "Vanlige spørsmål om medisiner og timer."),
            new PlanContact("Legevakt", "116 117", "Ved rød når oppfølgingstjenesten er stengt."),
            new PlanContact("Nødnummer", "113", "Ved fare for liv."),
        ]);
    }
}
