using Varde.Domain.Patients;
using Varde.Domain.Plans;

namespace Varde.Server.Demo;

/// <summary>The triage rules, schedule and zone instructions a demo patient's plan has, by diagnosis: Varde's default plans (<see cref="DefaultPlans"/>) with the demo patient's own goals and contacts.</summary>
public static class DemoRules
{
    public static PlanRules For(DiagnosisGroup d) => DefaultPlans.Rules(d) with { Guidance = Guidance(d) };

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
