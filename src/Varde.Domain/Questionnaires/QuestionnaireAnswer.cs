namespace Varde.Domain.Questionnaires;

/// <summary>
/// One answer: the item's link id and, by the item's type, the chosen option's code, the chosen codes (multiple
/// choice), a number, or a text.
/// </summary>
public sealed record QuestionnaireAnswer(string LinkId, string? Code = null, decimal? Number = null, IReadOnlyList<string>? Codes = null,
    string? Text = null)
{
    public const int MaxTextLength = 1000;

    /// <summary>Whether the answer is, or includes, this code.</summary>
    public bool HasCode(string code) => Code == code || Codes?.Contains(code) == true;

    /// <summary>Value equality, with the chosen codes compared as a set.</summary>
    public bool SameAs(QuestionnaireAnswer other) =>
        LinkId == other.LinkId && Code == other.Code && Number == other.Number && Text == other.Text
        && (Codes ?? []).Order(StringComparer.Ordinal).SequenceEqual((other.Codes ?? []).Order(StringComparer.Ordinal));
}
