using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;
using static Varde.Domain.Tests.Triage.TriageTestKit;

namespace Varde.Domain.Tests.Triage;

/// <summary>
/// The rolling triage state (ADR 0018): judging new reports from it gives what judging them from every stored report
/// gives, and kept step by step it is the state of everything stored. Over generated streams of readings and answers,
/// with jumps, errors, runs of yellow, NEWS2, late reports, resends, a plan change that looks further back, one at a
/// time and in shuffled batches.
/// </summary>
public sealed class TriageStateTests
{
    private static readonly Guid PatientId = Guid.NewGuid();
    private static readonly Guid Service = Guid.NewGuid();

    private static readonly QuantityThreshold[] Thresholds =
    [
        new(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m),
        new(MeasuredQuantity.BodyWeight, YellowHigh: 95m, RedHigh: 100m),
        new(MeasuredQuantity.SystolicPressure, RedLow: 90m, YellowLow: 100m, YellowHigh: 160m, RedHigh: 180m),
        new(MeasuredQuantity.Pulse, YellowHigh: 110m, RedHigh: 130m),
    ];

    private static readonly PlanVersion Version1 = Plan(
        Rules(changes: [new ChangeRule(MeasuredQuantity.BodyWeight, 3, YellowRise: 2m, RedRise: 3m)], run: new ConsecutiveYellowRule(3, 7),
            news2: new News2Settings(WindowMinutes: 24 * 60)),
        Thresholds);

    // Version 2, approved on day 8: a weight change over 6 days and a run of four, so triage looks further back.
    private static readonly PlanVersion Version2 = Approved(Version1.Revise(Guid.NewGuid(), Thresholds, "nurse-1", Start.AddDays(8),
        rules: Rules(changes: [new ChangeRule(MeasuredQuantity.BodyWeight, 6, YellowRise: 2m, RedRise: 3m), new ChangeRule(MeasuredQuantity.SystolicPressure, 2, YellowFall: 20m, RedFall: 35m)],
            run: new ConsecutiveYellowRule(4, 9), news2: new News2Settings(WindowMinutes: 24 * 60))).Value);

    /// <summary>Two weeks of SpO2, weight, blood pressure, pulse, temperature, respiratory rate and daily answers, twice a day.</summary>
    private static List<TriageReport> Stream(int seed)
    {
        var random = new Random(seed);
        var reports = new List<TriageReport>();
        for (var half = 0; half < 28; half++)
        {
            var at = Start.AddHours((half * 12) + random.Next(-90, 90) / 60.0);
            var worse = half is > 14 and < 20;
            var spo2 = worse ? 90m - random.Next(0, 4) : 95m + random.Next(-1, 3);
            if (random.Next(12) == 0)
                spo2 = 82m;
            if (random.Next(20) == 0)
                spo2 = 30m;
            var weight = 80m + (half > 18 ? (half - 18) * 0.5m : 0m) + random.Next(-3, 4) / 10m;
            var systolic = (worse ? 105m : 130m) + random.Next(-8, 9);
            var late = random.Next(8) == 0 ? TimeSpan.FromHours(random.Next(13, 40)) : TimeSpan.Zero;
            // Each report of the round arrives up to 40 minutes after it was measured: some overtake others a little.
            TriageReport Arrives(TriageReport r) => r with { ReceivedAt = r.EffectiveAt + late + TimeSpan.FromMinutes(random.Next(1, 40)) };
            reports.Add(Arrives(Reading(MeasurementType.OxygenSaturation, at, spo2)));
            reports.Add(Arrives(Reading(MeasurementType.BodyWeight, at.AddMinutes(5), weight) with { Confirmed = random.Next(10) == 0 }));
            reports.Add(Arrives(Reading(MeasurementType.BloodPressure, at.AddMinutes(7), systolic, systolic - 50m)));
            reports.Add(Arrives(Reading(MeasurementType.Pulse, at.AddMinutes(8), (worse ? 100m : 75m) + random.Next(-5, 6))));
            reports.Add(Arrives(Reading(MeasurementType.BodyTemperature, at.AddMinutes(9), 37m + random.Next(-3, 12) / 10m)));
            reports.Add(Arrives(Reading(MeasurementType.RespiratoryRate, at.AddMinutes(10), (worse ? 22m : 16m) + random.Next(-2, 3))));
            if (half % 2 == 0)
                reports.Add(Arrives(Answers(QuestionnaireCatalogue.DailySymptomsId, at.AddMinutes(12), (QuestionnaireCatalogue.Daily.MoreBreathless, worse ? "yes" : "no"),
                    (QuestionnaireCatalogue.Daily.Swelling, "no"), (QuestionnaireCatalogue.Daily.ChestPain, "no"),
                    (QuestionnaireCatalogue.Daily.NewConfusion, worse && random.Next(3) == 0 ? "yes" : "no"), (QuestionnaireCatalogue.Daily.OnOxygen, "no"))));
        }

        return reports;
    }

    /// <summary>A patient as intake keeps one: everything stored, and the state, used whenever it can judge the new reports.</summary>
    private sealed class Patient(IReadOnlyList<PlanVersion> plans, bool useState)
    {
        private readonly List<PatientIntake.Stored> _stored = [];
        private readonly List<Alert> _alerts = [];

        public TriageState State { get; private set; } = TriageState.None;

        public int JudgedFromState { get; private set; }

        public int JudgedLateFromState { get; private set; }

        public void Take(IReadOnlyList<TriageReport> incoming, DateTimeOffset now)
        {
            // A resend is answered with what is stored before anything is judged.
            var fresh = incoming.Where(r => _stored.All(s => s.Report.ClientId != r.ClientId)).DistinctBy(r => r.ClientId).ToList();
            if (fresh.Count == 0)
                return;
            var book = new AlertBook(PatientId, Service, _alerts.Where(a => a.IsActive), Guid.NewGuid);
            var fromState = useState && State.Judges(fresh, plans);
            var inOrder = fromState && State.InOrder(fresh);
            var read = fromState ? State.AsStored(PatientId) : _stored;
            if (fromState && !inOrder)
            {
                // The kept reports from the earliest new one on are judged again: intake reads their whole records.
                var earliest = fresh.Min(r => r.EffectiveAt);
                read = [.. read.Select(s => s.Report.EffectiveAt >= earliest ? _stored.Single(x => x.Report.Id == s.Report.Id) : s)];
            }

            var taken = PatientIntake.Take(PatientId, plans, read, fresh, book, [], now, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);
            JudgedFromState += fromState ? 1 : 0;
            JudgedLateFromState += fromState && !inOrder ? 1 : 0;
            var added = fresh.Zip(taken.Added, (r, record) => new PatientIntake.Stored(r, record)).ToList();
            State = State.With([.. (inOrder ? [] : read).Concat(added).Select(s => new TriagedReport(s.Report, s.Record.Result))], plans);
            _stored.AddRange(added);
            _alerts.AddRange(book.Changes.Select(c => c.Alert).Where(a => !_alerts.Contains(a)).Distinct());
        }

        public List<PatientIntake.Stored> Stored => _stored;

        public List<string> Results =>
            _stored.Select(s => $"{s.Report.ClientId}|{s.Record.Outcome}|{s.Record.BaseOutcome}|{s.Record.RuleId}|{s.Record.ExplanationNb}|{string.Join(",", s.Record.Inputs)}")
                .Order(StringComparer.Ordinal).ToList();

        public List<string> Judged =>
            _stored.Select(s => $"{s.Report.ClientId}|{s.Record.Outcome}|{s.Record.BaseOutcome}|{s.Record.RuleId}|{s.Record.ExplanationNb}")
                .Order(StringComparer.Ordinal).ToList();

        public List<string> Alerts =>
            _alerts.Select(a => $"{a.Category}|{a.Subject}|{a.Zone}|{a.State}|{string.Join(",", a.Members.Select(m => m.ClientId).Order(StringComparer.Ordinal))}")
                .Order(StringComparer.Ordinal).ToList();
    }

    public static TheoryData<int, bool> Seeds()
    {
        var data = new TheoryData<int, bool>();
        foreach (var seed in Enumerable.Range(1, 6))
        {
            data.Add(seed, false);
            data.Add(seed, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void JudgingFromTheState_IsJudgingFromEverythingStored_OneAtATime_AndInShuffledBatches(int seed, bool planChanges)
    {
        IReadOnlyList<PlanVersion> plans = planChanges ? [Version1, Version2] : [Version1];
        var stream = Stream(seed);
        // Some reports are sent twice (the first arrival is stored, the second is a resend).
        var random = new Random(seed * 31);
        var arrivals = stream.Concat(stream.Where(_ => random.Next(10) == 0)).OrderBy(r => r.ReceivedAt).ToList();

        var windowOnly = new Patient(plans, useState: false);
        var withState = new Patient(plans, useState: true);
        foreach (var r in arrivals)
        {
            windowOnly.Take([r], r.ReceivedAt);
            withState.Take([r], r.ReceivedAt);
        }

        var end = arrivals[^1].ReceivedAt;
        var batches = new Patient(plans, useState: true);
        foreach (var chunk in arrivals.OrderBy(_ => random.Next()).Chunk(7))
            batches.Take(chunk, end);
        var allAtOnce = new Patient(plans, useState: true);
        allAtOnce.Take(arrivals, end);

        withState.Results.ShouldBe(windowOnly.Results);
        withState.Alerts.ShouldBe(windowOnly.Alerts);
        // Arrival order leaves the same results (a record judged again keeps the inputs it had when its result stays).
        batches.Judged.ShouldBe(allAtOnce.Judged);
        windowOnly.Judged.ShouldBe(allAtOnce.Judged);
        batches.Alerts.Where(a => !a.Contains("|Resolved|", StringComparison.Ordinal))
            .ShouldBe(allAtOnce.Alerts.Where(a => !a.Contains("|Resolved|", StringComparison.Ordinal)));
        // The state judged most reports (the late ones go through the whole window), and the stream had reds and NEWS2.
        withState.JudgedFromState.ShouldBeGreaterThan(stream.Count / 2);
        withState.JudgedLateFromState.ShouldBeGreaterThan(0);
        withState.JudgedFromState.ShouldBeLessThan(stream.Count);
        windowOnly.Results.ShouldContain(v => v.Contains("|Red|", StringComparison.Ordinal));
        windowOnly.Results.ShouldContain(v => v.Contains("news2", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void TheStateKeptStepByStep_IsTheStateOfEverythingStored(int seed)
    {
        IReadOnlyList<PlanVersion> plans = [Version1];
        var patient = new Patient(plans, useState: true);
        foreach (var r in Stream(seed).OrderBy(r => r.ReceivedAt))
        {
            patient.Take([r], r.ReceivedAt);
            var everything = TriageState.Of(patient.Stored.Select(s => new TriagedReport(s.Report, s.Record.Result)), plans);
            Described(patient.State).ShouldBe(Described(everything));
        }

    }

    [Fact]
    public void AGlucoseSensorsThreeDays_KeepAFewReadings()
    {
        var random = new Random(7);
        var glucose = 7m;
        var readings = new List<TriagedReport>();
        for (var i = 0; i < 3 * 288; i++)
        {
            glucose = Math.Clamp(glucose + random.Next(-5, 6) / 10m, 3m, 20m);
            var r = Reading(MeasurementType.BloodGlucose, Start.AddMinutes(5 * i), glucose);
            readings.Add(new(r, TriageResult.NotYetJudged));
        }

        var state = TriageState.Of(readings, [Version1]);

        // The newest five and the lows and highs no later reading matches: a few dozen of 864, not the day's 288.
        state.Kept.Count.ShouldBeLessThan(60);
        state.Kept[^1].Report.Id.ShouldBe(readings[^1].Report.Id);
    }

    [Fact]
    public void AReportMeasuredBeforeTheNewestKept_IsNotJudgedFromTheState()
    {
        var earlier = Reading(MeasurementType.BodyWeight, Start, 80m);
        var newest = Reading(MeasurementType.BodyWeight, Start.AddDays(1), 80.5m);
        var state = TriageState.Of([new(earlier, Last(Version1, earlier)), new(newest, Last(Version1, earlier, newest))], [Version1]);

        state.Judges([Reading(MeasurementType.BodyWeight, Start.AddDays(2), 81m)], [Version1]).ShouldBeTrue();
        state.Judges([Reading(MeasurementType.OxygenSaturation, Start.AddHours(12), 95m)], [Version1]).ShouldBeFalse();
        // A plan that looks further back than the state was kept for needs the whole window.
        state.Judges([Reading(MeasurementType.BodyWeight, Start.AddDays(2), 81m)], [Version1, Version2]).ShouldBeFalse();
        TriageState.None.Judges([Reading(MeasurementType.BodyWeight, Start.AddDays(2), 81m)], [Version1]).ShouldBeFalse();
    }

    [Theory]
    // Weights every six hours, newest last; kept: the newest five, and the lows and highs a later window can still start from.
    [InlineData("78 81 79 83 80 82 84 85 86 87", "78 79 80 82 84 85 86 87")]
    [InlineData("90 89 88 87 86 85 84 83", "83 84 85 86 87 88 89 90")]
    // The newest (within the late tail) and the newest five before it.
    [InlineData("80 80 80 80 80 80 80", "80 80 80 80 80 80")]
    public void WhatIsKept_IsTheNewestReadings_AndEveryLowAndHighNoLaterReadingMatches(string weights, string kept)
    {
        var reports = weights.Split(' ').Select((w, i) => Reading(MeasurementType.BodyWeight, Start.AddHours(6 * i), decimal.Parse(w, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var state = TriageState.Of(reports.Select(r => new TriagedReport(r, Last(null, r))), [Plan(Rules())]);

        state.Kept.Select(k => k.Report.Values[0]).Order().ShouldBe(kept.Split(' ').Select(k => decimal.Parse(k, System.Globalization.CultureInfo.InvariantCulture)).Order());
    }

    [Fact]
    public void NothingMeasuredBeyondTheLookbackBeforeTheNewest_IsKept_ButTheNewestAnswerToEachQuestionWithinItIs()
    {
        var old = Reading(MeasurementType.BodyWeight, Start, 70m);
        var answered = Answers(QuestionnaireCatalogue.DailySymptomsId, Start.AddDays(10), (QuestionnaireCatalogue.Daily.NewConfusion, "no"), (QuestionnaireCatalogue.Daily.OnOxygen, "yes"));
        // Six answers after it without the oxygen question: more than the newest five a run or a jump reads.
        var later = Enumerable.Range(1, 6)
            .Select(i => Answers(QuestionnaireCatalogue.DailySymptomsId, Start.AddDays(10).AddHours(2 * i), (QuestionnaireCatalogue.Daily.NewConfusion, "yes"))).ToList();
        var newest = Reading(MeasurementType.BodyWeight, Start.AddDays(11), 80m);
        var state = TriageState.Of(new[] { old, answered }.Concat(later).Append(newest).Select(r => new TriagedReport(r, Last(null, r))), [Version1]);

        state.Kept.Select(k => k.Report.Id).ShouldBe([answered.Id, .. later.Skip(1).Select(r => r.Id), newest.Id]);
        state.Kept[0].Report.Answers!.Select(a => (a.LinkId, a.Code)).ShouldBe([(QuestionnaireCatalogue.Daily.NewConfusion, "no"), (QuestionnaireCatalogue.Daily.OnOxygen, "yes")]);
        state.Kept.ShouldAllBe(k => k.Result.ExplanationNb == "" && k.Result.Inputs.Count == 0);
    }

    private static List<string> Described(TriageState state) =>
        [$"{state.Lookback}|{state.RunLength}|{state.Tail}", .. state.Kept.Select(k =>
            $"{k.Report.ClientId}|{k.Report.EffectiveAt:O}|{string.Join(",", k.Report.Values)}|{k.Result.Outcome}|{k.Result.BaseOutcome}|{k.Result.RuleId}")];
}
