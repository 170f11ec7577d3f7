using Varde.Domain.Questionnaires;

namespace Varde.Domain.Tests.QuestionnaireItems;

/// <summary>Issue 17 item 7: what a questionnaire must be for Varde to show it and judge the answers, each error named by its field (items by linkId).</summary>
public sealed class QuestionnaireDefinitionCheckTests
{
    private static readonly AnswerOption[] YesNo = [new("yes", "Ja", "Yes"), new("no", "Nei", "No")];

    private static QuestionnaireDefinition Valid() => new("pain", "https://example.org/Questionnaire/pain", "1", "Smerte", "Pain",
    [
        new("has-pain", "Har du vondt?", "Are you in pain?", QuestionnaireItemType.Choice, YesNo),
        new("pain-level", "Hvor vondt, 0–10?", "How much, 0–10?", QuestionnaireItemType.WholeNumber, [], Min: 0, Max: 10, EnableWhen: new("has-pain", "yes")),
    ], HasScore: false);

    [Fact]
    public void TheBuiltInQuestionnaires_AndAValidOne_PassTheCheck()
    {
        QuestionnaireCatalogue.Cat.Check().ShouldBeEmpty();
        QuestionnaireCatalogue.DailySymptoms.Check().ShouldBeEmpty();
        Valid().Check().ShouldBeEmpty();
    }

    public static TheoryData<string, Func<QuestionnaireDefinition, QuestionnaireDefinition>> Broken => new()
    {
        { "id", q => q with { Id = "pain form" } },
        { "id", q => q with { Id = new string('a', 61) } },
        { "url", q => q with { Url = "pain" } },
        { "url", q => q with { Url = "ftp://example.org/pain" } },
        { "version", q => q with { Version = "" } },
        { "version", q => q with { Version = "1|2" } },
        { "title", q => q with { TitleNb = " " } },
        { "item", q => q with { Items = [] } },
        { "item[has-pain].linkId", q => q with { Items = [q.Items[0], q.Items[0]] } },
        { "item[has pain].linkId", q => q with { Items = [q.Items[0] with { LinkId = "has pain" }] } },
        { "item[has-pain].text", q => q with { Items = [q.Items[0] with { TextNb = "" }] } },
        { "item[has-pain].answerOption", q => q with { Items = [q.Items[0] with { Options = [] }] } },
        { "item[has-pain].answerOption", q => q with { Items = [q.Items[0] with { Options = [YesNo[0], YesNo[0]] }] } },
        { "item[has-pain].answerOption", q => q with { Items = [q.Items[0] with { Options = [new("", "Ja", "Yes")] }] } },
        { "item[pain-level].answerOption", q => q with { Items = [q.Items[0], q.Items[1] with { Options = YesNo }] } },
        { "item[pain-level].maxValue", q => q with { Items = [q.Items[0], q.Items[1] with { Min = 10, Max = 0 }] } },
        { "item[has-pain].minValue", q => q with { Items = [q.Items[0] with { Min = 1 }, q.Items[1]] } },
        { "item[pain-level].enableWhen", q => q with { Items = [q.Items[1], q.Items[0]] } },
        { "item[pain-level].enableWhen", q => q with { Items = [q.Items[0], q.Items[1] with { EnableWhen = new("has-pain", "maybe") }] } },
        { "item[pain-level].enableWhen", q => q with { Items = [q.Items[0], q.Items[1] with { EnableWhen = new("pain-level", "yes") }] } },
        { "item", q => q with { HasScore = true } },
    };

    [Theory, MemberData(nameof(Broken))]
    public void ABrokenQuestionnaire_IsRefused_NamingTheField(string field, Func<QuestionnaireDefinition, QuestionnaireDefinition> breakIt)
    {
        var errors = breakIt(Valid()).Check();

        errors.Select(e => e.Field).ShouldContain(field);
        errors.Where(e => e.Field.StartsWith("item[", StringComparison.Ordinal))
            .ShouldAllBe(e => e.Message.Contains(e.Field.Substring(5, e.Field.IndexOf(']', StringComparison.Ordinal) - 5)), "an item's error names its linkId");
    }
}
