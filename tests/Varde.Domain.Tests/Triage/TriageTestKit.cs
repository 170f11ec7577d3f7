using Varde.Domain.Access;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Triage;

/// <summary>Builds plans, reports and histories for the rule tests.</summary>
internal static class TriageTestKit
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 7, 0, 0, TimeSpan.Zero);

    public static PlanVersion Plan(PlanRules rules, params QuantityThreshold[] thresholds) =>
        Approved(PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(), thresholds, "nurse-1", Start.AddDays(-30), rules: rules).Value);

    /// <summary>The version approved by a GP when it was made.</summary>
    public static PlanVersion Approved(PlanVersion version)
    {
        version.Approve(new Caller("gp-1", Role.Gp, Guid.Empty), version.CreatedAt, version.Number).ShouldBeEmpty();
        return version;
    }

    public static PlanRules Rules(IReadOnlyList<ChangeRule>? changes = null, ConsecutiveYellowRule? run = null, IReadOnlyList<ScoreBandRule>? bands = null,
        IReadOnlyList<AnswerRule>? answers = null, News2Settings? news2 = null) =>
        new(changes ?? [], run, bands ?? [], answers ?? [], news2, [], null);

    private static int _client;

    public static TriageReport Reading(MeasurementType type, DateTimeOffset at, params decimal[] values) =>
        new(Guid.NewGuid(), $"c-{Interlocked.Increment(ref _client):D6}", at, at.AddMinutes(1), type, values);

    public static TriageReport Answers(string questionnaire, DateTimeOffset at, params (string LinkId, string Code)[] answers)
    {
        var list = answers.Select(a => new QuestionnaireAnswer(a.LinkId, a.Code)).ToList();
        var q = QuestionnaireCatalogue.BuiltIn.Find(questionnaire)!;
        return new(Guid.NewGuid(), $"c-{Interlocked.Increment(ref _client):D6}", at, at.AddMinutes(1), null, [], questionnaire, list,
            QuestionnaireScoring.Score(q, list));
    }

    /// <summary>Judges reports in order, each against all before it; returns the last result.</summary>
    public static TriageResult Last(PlanVersion? plan, params TriageReport[] reports) => All(plan, reports)[^1];

    public static List<TriageResult> All(PlanVersion? plan, params TriageReport[] reports)
    {
        var ordered = reports.ToList();
        ordered.Sort(TriageReport.CompareByEffectiveTime);
        return TriageSequence.Evaluate(ordered, ordered.Select(_ => (TriageResult?)null).ToList(), 0, plan is null ? [] : [plan], QuestionnaireCatalogue.BuiltIn);
    }
}
