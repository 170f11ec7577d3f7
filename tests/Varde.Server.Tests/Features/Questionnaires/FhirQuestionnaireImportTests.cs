using System.Text.Json;
using Hl7.Fhir.Model;
using Varde.Domain.Questionnaires;
using Varde.Server.Features.Questionnaires;

namespace Varde.Server.Tests.Features.Questionnaires;

/// <summary>Issue 17 item 7: the one reader of FHIR Questionnaires; the two questionnaires Varde ships go through it unchanged.</summary>
public sealed class FhirQuestionnaireImportTests
{
    [Fact]
    public void TheBuiltInQuestionnaires_ReadBackAsTheyWere()
    {
        foreach (var q in QuestionnaireCatalogue.BuiltIn.All)
        {
            var read = FhirQuestionnaireImport.FromFhir(FhirQuestionnaires.ToFhir(q));

            read.IsValid.ShouldBeTrue(string.Join("; ", read.Errors.Select(e => e.Message)));
            JsonSerializer.Serialize(read.Value.Definition).ShouldBe(JsonSerializer.Serialize(q));
            FhirQuestionnaireImport.FromJson(read.Value.Resource).Value.Definition.Items.Count.ShouldBe(q.Items.Count, "the stored resource reads again");
        }
    }

    [Fact]
    public void Scores_MayBeOnTheOptionOrItsCoding_AndEnglishFallsBackToBokmal()
    {
        var item = new Questionnaire.ItemComponent { LinkId = "q1", Text = "Hvordan sover du?", Type = Questionnaire.QuestionnaireItemType.Choice };
        var good = new Questionnaire.AnswerOptionComponent { Value = new Coding("https://example.org/a", "good", "Godt") };
        good.Extension.Add(new Extension(FhirQuestionnaireImport.ItemWeightExtension, new FhirDecimal(0)));
        var bad = new Coding("https://example.org/a", "bad", "Dårlig");
        bad.Extension.Add(new Extension(FhirQuestionnaires.OrdinalValueExtension, new Integer(3)));
        item.AnswerOption = [good, new() { Value = bad }];
        var q = new Questionnaire { Id = "sleep", Url = "https://example.org/Questionnaire/sleep", Version = "1", Status = PublicationStatus.Draft, Title = "Søvn", Item = [item] };

        var read = FhirQuestionnaireImport.FromFhir(q).Value;

        read.Status.ShouldBe(PublicationStatus.Draft);
        read.Definition.HasScore.ShouldBeTrue();
        read.Definition.Items[0].Options.Select(o => o.Score).ShouldBe([0m, 3m]);
        read.Definition.TitleEn.ShouldBe("Søvn");
        read.Definition.Items[0].TextEn.ShouldBe("Hvordan sover du?");
        read.Definition.Items[0].Required.ShouldBeFalse("FHIR's default");
    }
}
