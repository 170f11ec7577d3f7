using Varde.Domain.Plans;

namespace Varde.Domain.Triage;

/// <summary>
/// A patient's rolling triage state: of the reports stored so far (in effective-time order, with their current
/// results), the ones a rule can still read for a report measured after the newest of them. It is a cache of a pure
/// function of what is stored (<see cref="Of"/>), so judging new reports from it gives what judging them from the whole
/// look-back window gives, without reading that window (ADR 0018). What a rule can still need, per subject:
/// <list type="bullet">
/// <item>the newest report (a sudden jump's re-measure looks at the one before);</item>
/// <item>the newest <see cref="RunLength"/> trusted reports (a sudden jump's recent level reads five, a run of yellows
/// its length less one);</item>
/// <item>for each measured component, the trusted readings no later trusted reading is as low as, or as high as
/// (a change rule reads the lowest and the highest in its window: a reading with a later one at least as low is never
/// the lowest again);</item>
/// <item>for each question, the newest trusted answer (NEWS2 reads the newest answer on confusion and oxygen);</item>
/// </list>
/// and nothing measured more than <see cref="Lookback"/> before the newest report. Questionnaire answers are kept
/// with their link id and code only, which is all a rule reads of an earlier answer.
/// <para>Reports measured within <see cref="Tail"/> before the newest are all kept, and the rest is kept for a report
/// measured after them: so a report a little late (devices that send at once, bundles that overtake each other) is
/// judged from the state too, and the later ones it changes are all there to be judged again.</para>
/// </summary>
public sealed record TriageState(IReadOnlyList<TriagedReport> Kept, TimeSpan Lookback, int RunLength, TimeSpan Tail)
{
    /// <summary>The sudden-jump rule's recent level reads this many trusted readings.</summary>
    private const int RecentLevelReadings = 5;

    /// <summary>How far behind the newest stored report a new one may be measured and still be judged from the state.</summary>
    public static readonly TimeSpan LateTail = TimeSpan.FromHours(1);

    /// <summary>The state of a patient with these reports (in any order) under these plans.</summary>
    public static TriageState Of(IEnumerable<TriagedReport> reports, IReadOnlyList<PlanVersion> plans)
    {
        var lookback = PlanInForce.Lookback(plans);
        var runLength = Math.Max(RecentLevelReadings, plans.Select(p => (p.Rules.ConsecutiveYellow?.Count ?? 1) - 1).DefaultIfEmpty(0).Max());
        var ordered = reports.ToList();
        ordered.Sort((a, b) => TriageReport.CompareByEffectiveTime(a.Report, b.Report));
        if (ordered.Count == 0)
            return new([], lookback, runLength, LateTail);

        var cut = ordered[^1].Report.EffectiveAt - LateTail;
        var kept = ordered.Where(r => r.Report.EffectiveAt >= cut).Select(r => r.Report.Id).ToHashSet();
        foreach (var subject in ordered.Where(r => r.Report.EffectiveAt >= cut - lookback && r.Report.EffectiveAt < cut).GroupBy(r => r.Report.Subject))
        {
            var own = subject.ToList();
            kept.Add(own[^1].Report.Id);
            var trusted = own.Where(r => r.Result.Outcome != TriageOutcome.SuspectedMeasurementError).ToList();
            kept.UnionWith(trusted.TakeLast(runLength).Select(r => r.Report.Id));
            kept.UnionWith(Extremes(trusted));
            kept.UnionWith(NewestAnswers(trusted));
        }

        return new([.. ordered.Where(r => kept.Contains(r.Report.Id)).Select(Compact)], lookback, runLength, LateTail);
    }

    /// <summary>No state: nothing is known, so nothing is judged from it.</summary>
    public static TriageState None { get; } = new([], TimeSpan.Zero, 0, TimeSpan.Zero);

    /// <summary>
    /// The state once these reports are stored or judged again (new ones, and the stored ones read around them with
    /// their current results): what was kept, with these in place of their earlier versions. It equals <see cref="Of"/>
    /// over everything stored when the changed reports include every stored report a change could reach, which intake
    /// guarantees: all of the patient's reports from the look-back window before the earliest new one on, of every
    /// subject a new one can change.
    /// </summary>
    public TriageState With(IEnumerable<TriagedReport> changed, IReadOnlyList<PlanVersion> plans)
    {
        var byId = new Dictionary<Guid, TriagedReport>();
        foreach (var r in changed)
            byId[r.Report.Id] = r;
        return Of(Kept.Where(k => !byId.ContainsKey(k.Report.Id)).Concat(byId.Values), plans);
    }

    /// <summary>
    /// Whether these new reports can be judged from this state under these plans: the plans look back no further and
    /// count no longer runs than the state was kept for, and every new report is measured within <see cref="Tail"/>
    /// before the newest kept one or after it (an earlier one changes reports the state no longer holds).
    /// </summary>
    public bool Judges(IReadOnlyCollection<TriageReport> incoming, IReadOnlyList<PlanVersion> plans) =>
        Covers(plans) && (Kept.Count == 0 || incoming.All(r => r.EffectiveAt >= Kept[^1].Report.EffectiveAt - Tail));

    /// <summary>Whether every new report is measured after every kept one: then nothing stored is judged again.</summary>
    public bool InOrder(IEnumerable<TriageReport> incoming) =>
        Kept.Count == 0 || incoming.All(r => TriageReport.CompareByEffectiveTime(r, Kept[^1].Report) > 0);

    /// <summary>Whether the state was kept for rules that look back at least as far, and count runs as long, as these plans'.</summary>
    public bool Covers(IReadOnlyList<PlanVersion> plans) =>
        PlanInForce.Lookback(plans) <= Lookback
        && plans.All(p => (p.Rules.ConsecutiveYellow?.Count ?? 1) - 1 <= RunLength);

    /// <summary>
    /// The kept reports as intake's core reads stored reports: each with a summary of its record. When the new reports
    /// are not <see cref="InOrder"/>, the kept reports measured from the earliest new one on are judged again, and the
    /// caller puts their whole records in place of the summaries (a summary refuses to be judged again).
    /// </summary>
    public IReadOnlyList<PatientIntake.Stored> AsStored(Guid patientId) =>
        [.. Kept.Select(k => new PatientIntake.Stored(k.Report, TriageRecord.Summary(k.Report.Id, patientId, k.Report.ClientId, k.Report.Subject,
            k.Report.EffectiveAt, k.Report.ReceivedAt, k.Result.Outcome, k.Result.BaseOutcome, k.Result.RuleId, k.Result.RuleVersion,
            k.Result.PlanVersionId, k.Result.PlanVersionNumber, "", k.Result.Late, k.Result.UncertainTime, null)))];

    // For each measured component, the trusted readings that are a window's lowest or highest for some later report.
    private static IEnumerable<Guid> Extremes(List<TriagedReport> trusted)
    {
        if (trusted.Count == 0 || trusted[0].Report.Measurement is null)
            yield break;
        var components = trusted.Max(r => r.Report.Values.Count);
        for (var c = 0; c < components; c++)
        {
            decimal? lowestAfter = null, highestAfter = null;
            for (var i = trusted.Count - 1; i >= 0; i--)
            {
                if (trusted[i].Report.Values.Count <= c)
                    continue;
                var value = trusted[i].Report.Values[c];
                if (lowestAfter is null || value < lowestAfter || highestAfter is null || value > highestAfter)
                    yield return trusted[i].Report.Id;
                lowestAfter = lowestAfter is { } low ? Math.Min(low, value) : value;
                highestAfter = highestAfter is { } high ? Math.Max(high, value) : value;
            }
        }
    }

    // For each question answered with a code, the newest trusted report that answered it.
    private static IEnumerable<Guid> NewestAnswers(List<TriagedReport> trusted) =>
        trusted.Where(r => r.Report.Answers is not null)
            .SelectMany(r => r.Report.Answers!.Where(a => a.Code is not null).Select(a => (a.LinkId, r.Report.Id)))
            .GroupBy(x => x.LinkId, StringComparer.Ordinal)
            .Select(g => g.Last().Id);

    // What the rules read of a kept report and its result, and nothing else (no inputs, no explanations, no free text).
    private static TriagedReport Compact(TriagedReport r) => new(
        r.Report with
        {
            Answers = r.Report.Answers is { } answers ? [.. answers.Where(a => a.Code is not null).Select(a => new Questionnaires.QuestionnaireAnswer(a.LinkId, a.Code))] : null,
        },
        new TriageResult(r.Result.Outcome, r.Result.RuleId, r.Result.RuleVersion, r.Result.PlanVersionId, r.Result.PlanVersionNumber, [], "", "",
            r.Result.BaseOutcome, r.Result.Late, r.Result.UncertainTime));
}
