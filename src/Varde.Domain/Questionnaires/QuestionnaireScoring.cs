namespace Varde.Domain.Questionnaires;

/// <summary>Checks a set of answers against a questionnaire and computes its score.</summary>
public static class QuestionnaireScoring
{
    public static List<ValidationError> Check(QuestionnaireDefinition q, IReadOnlyList<QuestionnaireAnswer> answers)
    {
        var errors = new List<ValidationError>();
        foreach (var duplicate in answers.GroupBy(a => a.LinkId).Where(g => g.Count() > 1))
            errors.Add(new("answers", $"Item '{duplicate.Key}' is answered more than once."));
        for (var i = 0; i < answers.Count; i++)
        {
            var a = answers[i];
            var item = q.Item(a.LinkId);
            var field = $"answers[{i}]";
            if (item is null)
                errors.Add(new(field, $"Questionnaire '{q.Id}' has no item '{a.LinkId}'."));
            else if (item.Type == QuestionnaireItemType.Choice && (a.Code is null || item.Options.All(o => o.Code != a.Code)))
                errors.Add(new(field, $"Item '{a.LinkId}' takes one of: {string.Join(", ", item.Options.Select(o => o.Code))}."));
            else if (item.Type != QuestionnaireItemType.Choice && a.Number is not { } n)
                errors.Add(new(field, $"Item '{a.LinkId}' takes a number."));
            else if (item.Type != QuestionnaireItemType.Choice && (a.Number < item.Min || a.Number > item.Max
                         || (item.Type == QuestionnaireItemType.WholeNumber && a.Number != decimal.Truncate(a.Number!.Value))))
                errors.Add(new(field, $"Item '{a.LinkId}' is out of range."));
        }

        foreach (var missing in q.Items.Where(i => i.Required && answers.All(a => a.LinkId != i.LinkId)))
            errors.Add(new("answers", $"Item '{missing.LinkId}' must be answered."));
        return errors;
    }

    /// <summary>The score, or null when the questionnaire does not score.</summary>
    public static decimal? Score(QuestionnaireDefinition q, IReadOnlyList<QuestionnaireAnswer> answers) =>
        q.HasScore
            ? answers.Sum(a => q.Item(a.LinkId)?.Options.FirstOrDefault(o => o.Code == a.Code)?.Score ?? 0m)
            : null;
}
