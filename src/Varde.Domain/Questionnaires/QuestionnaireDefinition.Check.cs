namespace Varde.Domain.Questionnaires;

/// <summary>What Varde needs of a questionnaire to show it to patients and judge the answers.</summary>
public sealed partial record QuestionnaireDefinition
{
    /// <summary>
    /// The rules, each error naming its field: the id (1–60 letters, digits, '-' or '.', as a FHIR id), an absolute
    /// http(s) URL, a version without '|', titles; 1–100 items with unique link ids (letters, digits, '.', '_', '-');
    /// each item a text; choice items at least one option, with unique codes and texts; number items no options and
    /// min ≤ max; text items no options; an enableWhen names an earlier choice item and one of its codes; a
    /// questionnaire that scores has a score on at least one option. Item errors are named <c>item[linkId]</c>.
    /// </summary>
    public IReadOnlyList<ValidationError> Check()
    {
        var errors = new List<ValidationError>();
        if (string.IsNullOrEmpty(Id) || Id.Length > MaxIdLength || !Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            errors.Add(new("id", $"The id '{Id}' is not usable: 1–{MaxIdLength} letters (a–z), digits, '-' or '.'."));
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || Url.Length > MaxUrlLength || Url.Contains('|', StringComparison.Ordinal))
            errors.Add(new("url", $"The url must be an absolute http(s) address of at most {MaxUrlLength} characters, without '|'."));
        if (string.IsNullOrWhiteSpace(Version) || Version.Length > MaxVersionLength || Version.Contains('|', StringComparison.Ordinal))
            errors.Add(new("version", $"A version of 1–{MaxVersionLength} characters, without '|', is required: a stored version never changes, a new one gets its own."));
        if (string.IsNullOrWhiteSpace(TitleNb) || TitleNb.Length > 200 || string.IsNullOrWhiteSpace(TitleEn) || TitleEn.Length > 200)
            errors.Add(new("title", "A title of 1–200 characters is required."));
        if (Items.Count is 0 or > MaxItems)
            errors.Add(new("item", $"A questionnaire has 1 to {MaxItems} items."));
        foreach (var duplicate in Items.GroupBy(i => i.LinkId, StringComparer.Ordinal).Where(g => g.Count() > 1))
            errors.Add(new($"item[{duplicate.Key}].linkId", $"The linkId '{duplicate.Key}' is used by more than one item."));
        for (var i = 0; i < Items.Count; i++)
            errors.AddRange(ItemErrors(Items[i], Items.Take(i).ToList()));
        if (HasScore && !Items.Any(i => i.Options.Any(o => o.Score is not null)))
            errors.Add(new("item", "A questionnaire that scores needs a score (ordinalValue) on its answer options."));
        return errors;
    }

    private static IEnumerable<ValidationError> ItemErrors(QuestionnaireItem item, List<QuestionnaireItem> earlier)
    {
        var field = $"item[{item.LinkId}]";
        if (string.IsNullOrEmpty(item.LinkId) || item.LinkId.Length > MaxIdLength || !item.LinkId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_'))
            yield return new($"{field}.linkId", $"The linkId '{item.LinkId}' is not usable: 1–{MaxIdLength} letters (a–z), digits, '.', '_' or '-'.");
        if (string.IsNullOrWhiteSpace(item.TextNb) || item.TextNb.Length > MaxTextLength)
            yield return new($"{field}.text", $"Item '{item.LinkId}' needs a text of 1–{MaxTextLength} characters.");
        var choice = item.Type is QuestionnaireItemType.Choice or QuestionnaireItemType.MultipleChoice;
        if (choice && item.Options.Count == 0)
            yield return new($"{field}.answerOption", $"Item '{item.LinkId}' is a choice and needs its answer options.");
        if (!choice && item.Options.Count > 0)
            yield return new($"{field}.answerOption", $"Item '{item.LinkId}' is not a choice and cannot have answer options.");
        if (item.Options.Any(o => string.IsNullOrWhiteSpace(o.Code) || o.Code.Length > 100 || string.IsNullOrWhiteSpace(o.TextNb)))
            yield return new($"{field}.answerOption", $"Every answer option of item '{item.LinkId}' needs a code (at most 100 characters) and a text (display).");
        foreach (var code in item.Options.GroupBy(o => o.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
            yield return new($"{field}.answerOption", $"Item '{item.LinkId}' has the answer code '{code.Key}' more than once.");
        if (item.Min > item.Max)
            yield return new($"{field}.maxValue", $"Item '{item.LinkId}': the smallest allowed number is above the largest.");
        if ((item.Min is not null || item.Max is not null) && item.Type is not (QuestionnaireItemType.WholeNumber or QuestionnaireItemType.DecimalNumber))
            yield return new($"{field}.minValue", $"Item '{item.LinkId}': only number items have a smallest and largest value.");
        if (item.EnableWhen is { } when)
        {
            var source = earlier.FirstOrDefault(e => e.LinkId == when.Question);
            if (source is null || source.Type is not (QuestionnaireItemType.Choice or QuestionnaireItemType.MultipleChoice))
                yield return new($"{field}.enableWhen", $"Item '{item.LinkId}' depends on '{when.Question}', which is no choice item before it.");
            else if (source.Options.All(o => o.Code != when.Code))
                yield return new($"{field}.enableWhen", $"Item '{item.LinkId}' depends on the answer '{when.Code}', which item '{when.Question}' does not offer.");
        }
    }
}
