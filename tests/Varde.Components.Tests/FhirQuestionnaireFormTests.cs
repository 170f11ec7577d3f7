using Bunit;
using Hl7.Fhir.Model;
using Varde.Domain.Questionnaires;
using Varde.Server.Components.PatientApp;
using Varde.Server.Features.Questionnaires;

namespace Varde.Components.Tests;

public sealed class FhirQuestionnaireFormTests : ComponentTestContext
{
    private IRenderedComponent<FhirQuestionnaireForm> Render(QuestionnaireDefinition q, bool english = false) =>
        Render<FhirQuestionnaireForm>(p => p.Add(f => f.Questionnaire, FhirQuestionnaires.ToFhir(q)).Add(f => f.English, english));

    [Fact]
    public void DailyQuestions_RenderEachItemTypeFromTheFhirResource()
    {
        var cut = Render(QuestionnaireCatalogue.DailySymptoms);

        cut.FindAll(".question[data-link-id='more-breathless'] input[type=radio]").Select(i => i.GetAttribute("value")).ShouldBe(["yes", "no"]);
        cut.FindAll(".question[data-link-id='breathless-when'] input[type=checkbox]").Count.ShouldBe(4);
        cut.Find("#oxygen-litres").GetAttribute("data-min").ShouldBe("0.5");
        cut.Find("#oxygen-litres").GetAttribute("data-max").ShouldBe("15");
        cut.Find("#wellbeing").GetAttribute("inputmode").ShouldBe("numeric");
        cut.Find("textarea#message").ShouldNotBeNull();
        cut.Find("#message-help").TextContent.ShouldContain("Haster det, ring");
        cut.Find("legend").TextContent.ShouldBe("Er du mer tungpustet enn vanlig?");
    }

    [Fact]
    public void FollowUpQuestions_StartHiddenAndNameTheAnswerThatShowsThem()
    {
        var cut = Render(QuestionnaireCatalogue.DailySymptoms);

        var followUp = cut.Find(".question[data-link-id='breathless-when']");
        followUp.HasAttribute("hidden").ShouldBeTrue();
        followUp.GetAttribute("data-enable-question").ShouldBe("more-breathless");
        followUp.GetAttribute("data-enable-code").ShouldBe("yes");
        cut.Find(".question[data-link-id='swelling']").HasAttribute("hidden").ShouldBeFalse();
        cut.Find(".question[data-link-id='message']").GetAttribute("data-required").ShouldBe("false");
    }

    [Fact]
    public void English_UsesTheTranslationExtension()
    {
        var cut = Render(QuestionnaireCatalogue.DailySymptoms, english: true);

        cut.Find("legend").TextContent.ShouldBe("Are you more breathless than usual?");
        cut.Find("label[for='more-breathless-yes']").TextContent.Trim().ShouldBe("Yes");
    }

    [Fact]
    public void ScoredOptions_CarryTheirScoreAsOrdinalValue()
    {
        var fhir = FhirQuestionnaires.ToFhir(QuestionnaireCatalogue.Cat);

        var option = fhir.Item[0].AnswerOption[5].Value.ShouldBeOfType<Coding>();
        option.Code.ShouldBe("5");
        option.GetExtensionValue<FhirDecimal>(FhirQuestionnaires.OrdinalValueExtension).Value.ShouldBe(5m);
        fhir.Url.ShouldBe(QuestionnaireCatalogue.Cat.Url);
    }
}
