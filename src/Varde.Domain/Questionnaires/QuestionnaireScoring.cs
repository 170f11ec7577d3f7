namespace Varde.Domain.Questionnaires;

/// <summary>Checks a set of answers against a questionnaire (types, ranges, enableWhen, required items) and computes its score.</summary>
public static class QuestionnaireScoring
{
    public static List<ValidationError> Check(QuestionnaireDefinition q, IReadOnlyList<QuestionnaireAnswer> answers)
    {
        var errors = new List<ValidationError>();
        foreach (var duplicate in answers.GroupBy(a => a.LinkId).Where(g => g.Count() > 1))
            errors.Add(new("answers", $"Item '{duplicate.Key}' is answered more than once."));
        for (var i = 0; i < answers.Count; i++)
        {
            var item = q.Item(answers[i].LinkId);
            var problem = item is null
                ? $"Questionnaire '{q.Id}' has no item '{answers[i].LinkId}'."
                : !QuestionnaireDefinition.IsEnabled(item, answers)
                    ? $"Item '{item.LinkId}' is not asked with these answers (it depends on '{item.EnableWhen!.Question}')."
                    : Problem(item, answers[i]);
            if (problem is not null)
                errors.Add(new($"answers[{i}]", problem));
        }

        foreach (var missing in q.Items.Where(i => i.Required && QuestionnaireDefinition.IsEnabled(i, answers) && answers.All(a => a.LinkId != i.LinkId)))
            errors.Add(new("answers", $"Item '{missing.LinkId}' must be answered."));
        return errors;
    }

    /// <summary>The score, or null when the questionnaire does not score: the sum of the chosen options' scores.</summary>
    public static decimal? Score(QuestionnaireDefinition q, IReadOnlyList<QuestionnaireAnswer> answers) =>
        q.HasScore
            ? answers.Sum(a => q.Item(a.LinkId)?.Options.Where(o => a.HasCode(o.Code)).Sum(o => o.Score ?? 0m) ?? 0m)
            : null;

    private static string? Problem(QuestionnaireItem item, QuestionnaireAnswer a)
    {
        var codes = string.Join(", ", item.Options.Select(o => o.Code));
        return item.Type switch
        {
            QuestionnaireItemType.Choice when a.Code is null || item.Options.All(o => o.Code != a.Code) =>
                $"Item '{a.LinkId}' takes one of: {codes}.",
            QuestionnaireItemType.MultipleChoice when a.Codes is not { Count: > 0 } || a.Codes.Any(c => item.Options.All(o => o.Code != c))
                || a.Codes.Distinct().Count() != a.Codes.Count =>
                $"Item '{a.LinkId}' takes one or more different codes of: {codes}.",
            QuestionnaireItemType.WholeNumber or QuestionnaireItemType.DecimalNumber when a.Number is not { } n =>
                $"Item '{a.LinkId}' takes a number.",
            QuestionnaireItemType.WholeNumber or QuestionnaireItemType.DecimalNumber when a.Number < item.Min || a.Number > item.Max
                || (item.Type == QuestionnaireItemType.WholeNumber && a.Number != decimal.Truncate(a.Number!.Value)) =>
                $"Item '{a.LinkId}' takes {(item.Type == QuestionnaireItemType.WholeNumber ? "a whole number" : "a number")} from {item.Min} to {item.Max}.",
            QuestionnaireItemType.Text when string.IsNullOrWhiteSpace(a.Text) || a.Text.Trim().Length > QuestionnaireAnswer.MaxTextLength =>
                $"Item '{a.LinkId}' takes a text of 1 to {QuestionnaireAnswer.MaxTextLength} characters.",
            _ => Stray(item, a) is { } stray ? $"Item '{a.LinkId}' takes no {stray}: give only what its type takes." : null,
        };
    }

    // A field the item's type does not take ("codes" beside a single choice's "code"): refused, since a rule or a count
    // reading the answer would otherwise see a choice the patient did not make.
    private static string? Stray(QuestionnaireItem item, QuestionnaireAnswer a)
    {
        var number = item.Type is QuestionnaireItemType.WholeNumber or QuestionnaireItemType.DecimalNumber;
        return a.Code is not null && item.Type != QuestionnaireItemType.Choice ? "code"
            : a.Codes is not null && item.Type != QuestionnaireItemType.MultipleChoice ? "codes"
            : a.Number is not null && !number ? "number"
            : a.Text is not null && item.Type != QuestionnaireItemType.Text ? "text"
            : null;
    }
}
