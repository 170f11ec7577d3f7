using Varde.Domain.Questionnaires;

namespace Varde.Domain.Surveys;

/// <summary>Why a survey figure is not shown.</summary>
public enum SurveyHiding
{
    /// <summary>Fewer than <see cref="SurveyFigures.Threshold"/> answers in the group (none at all: nothing to show either).</summary>
    TooFewAnswers,

    /// <summary>
    /// The group has enough, but another group of the same breakdown has from 1 to <see cref="SurveyFigures.Threshold"/> − 1:
    /// showing this one would let that one be worked out from figures that are shown.
    /// </summary>
    SmallGroupBeside,
}

/// <summary>One answer option's count and share of those who answered the question (for multiple choice, of those who chose any).</summary>
public sealed record OptionFigure(string Code, string TextNb, string TextEn, int Count, double Share);

/// <summary>One question's figures: how many answered it and what, or why it is hidden.</summary>
public sealed record ItemFigure(string LinkId, string TextNb, string TextEn, QuestionnaireItemType Type, int? Answered, SurveyHiding? Hidden,
    IReadOnlyList<OptionFigure> Options, double? Mean);

/// <summary>A group's survey figures: the number of answers and each question's, or why they are hidden.</summary>
public sealed record SurveyFigureSet(int? Answers, SurveyHiding? Hidden, IReadOnlyList<ItemFigure> Items);

/// <summary>One answer of the round: the cell of the breakdown it falls in, and whether it is in the group asked for.</summary>
public sealed record SurveyCellAnswer(string Cell, bool InGroup, IReadOnlyList<QuestionnaireAnswer> Answers);

/// <summary>
/// The k-anonymity rule for user-survey figures (k = <see cref="Threshold"/>), applied to the whole breakdown the filters
/// make, not only to the group asked for. The answers of a round are split into cells by every filter in use (age
/// group, sex, patient or relative: all their combinations) and, for any scope narrower than the installation, by
/// service × municipality, since services and municipalities cut the same answers in ways that do not nest; a group's
/// figures are shown only when it has at least k answers <b>and every cell of that breakdown has none or at least k</b>. Checking one group alone is not enough:
/// with the whole, "women" and "67–79" shown, "men not 67–79" = whole − women − 67–79 + women 67–79 would give away a
/// cell of three. The same rule holds for each question on its own, over those who answered it (an optional question,
/// or one asked only after a given answer). Figures are made for closed rounds only (<see cref="SurveyRound"/>).
/// </summary>
public static class SurveyFigures
{
    /// <summary>The smallest number of answers figures are shown for.</summary>
    public const int Threshold = 10;

    /// <summary>
    /// The figures of the group, given every answer of the round with the cell of the breakdown it falls in (the same
    /// key for the same values of everything the breakdown splits by) and whether it is in the group. A group may be
    /// several cells (a service is its municipalities' cells): every cell must still have none or at least k.
    /// </summary>
    public static SurveyFigureSet Of(QuestionnaireDefinition questionnaire, IReadOnlyList<SurveyCellAnswer> all)
    {
        var mine = all.Where(a => a.InGroup).Select(a => a.Answers).ToList();
        var hidden = Hiding(all.Select(a => a.Cell), mine.Count);
        if (hidden is not null)
            return new(null, hidden, []);
        var items = questionnaire.Items.Select(item =>
        {
            var answered = mine.Select(answers => answers.FirstOrDefault(a => a.LinkId == item.LinkId)).OfType<QuestionnaireAnswer>().ToList();
            var cells = all.Where(a => a.Answers.Any(x => x.LinkId == item.LinkId)).Select(a => a.Cell);
            if (Hiding(cells, answered.Count) is { } itemHidden)
                return new ItemFigure(item.LinkId, item.TextNb, item.TextEn, item.Type, null, itemHidden, [], null);
            var options = item.Options.Select(o =>
            {
                var count = answered.Count(a => a.HasCode(o.Code));
                return new OptionFigure(o.Code, o.TextNb, o.TextEn, count, (double)count / answered.Count);
            }).ToList();
            var numbers = answered.Where(a => a.Number is not null).Select(a => (double)a.Number!.Value).ToList();
            return new ItemFigure(item.LinkId, item.TextNb, item.TextEn, item.Type, answered.Count, null, options, numbers.Count > 0 ? numbers.Average() : null);
        }).ToList();
        return new(mine.Count, null, items);
    }

    // Hidden when the group has fewer than k, or a cell of the breakdown has from 1 to k − 1.
    private static SurveyHiding? Hiding(IEnumerable<string> cells, int inGroup)
    {
        if (inGroup < Threshold)
            return SurveyHiding.TooFewAnswers;
        return cells.CountBy(c => c).Any(c => c.Value < Threshold) ? SurveyHiding.SmallGroupBeside : null;
    }
}
