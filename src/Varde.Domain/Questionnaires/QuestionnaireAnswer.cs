namespace Varde.Domain.Questionnaires;

/// <summary>One answer: the item's link id and either the chosen option's code or a number.</summary>
public sealed record QuestionnaireAnswer(string LinkId, string? Code = null, decimal? Number = null);
