using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Plans;

/// <summary>Issue 16, finding 10: a plan may give a kind of report its own words for yellow and red, with the general words as fallback.</summary>
public sealed class ZoneInstructionsTests
{
    private static readonly string Glucose = SubjectInstructions.ForMeasurement(MeasurementType.BloodGlucose);

    private static readonly ZoneInstructions Plan = new("Fortsett som før.", "Ring oppfølgingstjenesten i dag.", "Ved sterk tungpust: ring 113.",
        [new(Glucose, null, "Høyt blodsukker: ta insulin etter planen og ring oppfølgingstjenesten.")]);

    [Fact]
    public void AKindsOwnWords_HoldForThatKind_TheGeneralWordsForTheRest()
    {
        Plan.For(TriageOutcome.Red, Glucose).ShouldBe("Høyt blodsukker: ta insulin etter planen og ring oppfølgingstjenesten.");
        Plan.For(TriageOutcome.Yellow, Glucose).ShouldBe("Ring oppfølgingstjenesten i dag.", "no own yellow text: the general one");
        Plan.For(TriageOutcome.Red, SubjectInstructions.ForMeasurement(MeasurementType.OxygenSaturation)).ShouldBe("Ved sterk tungpust: ring 113.");
        Plan.For(TriageOutcome.Red).ShouldBe("Ved sterk tungpust: ring 113.");
        Plan.For(TriageOutcome.Green, Glucose).ShouldBe("Fortsett som før.");
        Plan.For(TriageOutcome.SuspectedMeasurementError, Glucose).ShouldBeNull();
        (Plan with { Subjects = [new(Glucose, "  ", "")] }).For(TriageOutcome.Red, Glucose).ShouldBe("Ved sterk tungpust: ring 113.", "blank own words are no words");
    }

    [Fact]
    public void Check_RefusesAnUnknownKind_ADuplicate_AndAnEmptyEntry()
    {
        var bad = Plan with
        {
            Subjects =
            [
                new("measurement:Cholesterol", "x", null), new(Glucose, "a", null), new(Glucose, null, "b"), new(TriageReport.SubjectOf("cat"), " ", null),
                new("measurement:99", "x", null), new("measurement: BloodGlucose", "x", null), new("questionnaire:no-such-form", "x", null),
            ],
        };

        var errors = bad.Check("rules.instructions").ToList();

        errors.ShouldContain(e => e.Field == "rules.instructions.subjects[0].subject");
        errors.ShouldContain(e => e.Field == "rules.instructions.subjects" && e.Message.Contains(Glucose));
        errors.ShouldContain(e => e.Field == "rules.instructions.subjects[3]");
        errors.ShouldContain(e => e.Field == "rules.instructions.subjects[4].subject", "a number is not a kind");
        errors.ShouldContain(e => e.Field == "rules.instructions.subjects[5].subject", "only the exact spelling matches a report");
        errors.ShouldNotContain(e => e.Field == "rules.instructions.subjects[6].subject", "which questionnaires exist is the installation's to say");
        QuestionnaireReferences.Check(PlanRules.None with { Instructions = bad }, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn)
            .ShouldHaveSingleItem().Field.ShouldBe("rules.instructions.subjects[6].subject", "an unknown questionnaire");
        Plan.Check("rules.instructions").ShouldBeEmpty();
        (PlanRules.None with { Instructions = bad }).Check().ShouldContain(e => e.Field.StartsWith("rules.instructions.subjects", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDiffAndTheWording_NameTheKindInPlainWords()
    {
        PlanWording.Instructions(Plan.Subjects![0], Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn).ShouldHaveSingleItem()
            .ShouldBe(new PlanText("Blodsukker i rødt: Høyt blodsukker: ta insulin etter planen og ring oppfølgingstjenesten.",
                "Blood glucose in red: Høyt blodsukker: ta insulin etter planen og ring oppfølgingstjenesten."));
        PlanWording.Subject("questionnaire:cat", Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn).Nb.ShouldStartWith("Spørreskjema «CAT");
    }
}
