using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;
using static Varde.Domain.Tests.Triage.TriageTestKit;

namespace Varde.Domain.Tests.Triage;

/// <summary>
/// The pure core of intake: one at a time, N at once and any arrival order leave the same results and alerts, over
/// generated streams with deteriorations, jumps, implausible values, late readings and uncertain times.
/// </summary>
public sealed class PatientIntakeTests
{
    private static readonly Guid Patient = Guid.NewGuid();
    private static readonly Guid Service = Guid.NewGuid();

    private static readonly PlanVersion Plan1 = Plan(
        Rules(changes: [new ChangeRule(MeasuredQuantity.BodyWeight, 3, YellowRise: 2m, RedRise: 3m)], run: new ConsecutiveYellowRule(3, 7)),
        new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m),
        new QuantityThreshold(MeasuredQuantity.BodyWeight, YellowHigh: 95m, RedHigh: 100m));

    /// <summary>Two weeks of SpO2 and weight, twice a day, with jitter, deteriorations, drops, errors and late arrivals.</summary>
    private static List<TriageReport> Stream(int seed)
    {
        var random = new Random(seed);
        var reports = new List<TriageReport>();
        for (var half = 0; half < 28; half++)
        {
            var at = Start.AddHours((half * 12) + random.Next(-90, 90) / 60.0);
            var spo2 = half is > 14 and < 20 ? 90m - random.Next(0, 4) : 95m + random.Next(-1, 3);
            if (random.Next(12) == 0)
                spo2 = 82m;
            if (random.Next(20) == 0)
                spo2 = 30m;
            var weight = 80m + (half > 18 ? (half - 18) * 0.5m : 0m) + random.Next(-3, 4) / 10m;
            var late = random.Next(8) == 0 ? TimeSpan.FromHours(random.Next(13, 40)) : TimeSpan.FromMinutes(1);
            reports.Add(Reading(MeasurementType.OxygenSaturation, at, spo2) with { ReceivedAt = at + late });
            reports.Add(Reading(MeasurementType.BodyWeight, at.AddMinutes(5), weight) with { ReceivedAt = at.AddMinutes(5) + late, Confirmed = random.Next(10) == 0 });
        }

        return reports;
    }

    private sealed class Patient1
    {
        private readonly List<PatientIntake.Stored> _stored = [];
        private readonly List<Alert> _alerts = [];

        public void Take(IReadOnlyList<TriageReport> incoming, DateTimeOffset now)
        {
            var book = new AlertBook(Patient, Service, _alerts.Where(a => a.IsActive), Guid.NewGuid);
            var taken = PatientIntake.Take(Patient, [Plan1], _stored, incoming, book, [], now, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);
            _stored.AddRange(incoming.Zip(taken.Added, (r, record) => new PatientIntake.Stored(r, record)));
            _alerts.AddRange(book.Changes.Select(c => c.Alert).Where(a => !_alerts.Contains(a)).Distinct());
        }

        public List<PatientIntake.Stored> Stored => _stored;

        public List<string> Results =>
            _stored.Select(s => $"{s.Report.ClientId}|{s.Record.Outcome}|{s.Record.RuleId}|{s.Record.ExplanationNb}").Order(StringComparer.Ordinal).ToList();

        public List<string> OpenAlerts =>
            _alerts.Where(a => a.IsActive)
                .Select(a => $"{a.Category}|{a.Subject}|{a.Zone}|{string.Join(",", a.Members.Select(m => m.ClientId).Order(StringComparer.Ordinal))}")
                .Order(StringComparer.Ordinal).ToList();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void OneAtATime_NAtOnce_AndAnyArrivalOrder_LeaveTheSameResultsAndAlerts(int seed)
    {
        var stream = Stream(seed);
        var byArrival = stream.OrderBy(r => r.ReceivedAt).ToList();
        var end = byArrival[^1].ReceivedAt;

        var oneAtATime = new Patient1();
        foreach (var r in byArrival)
            oneAtATime.Take([r], r.ReceivedAt);
        var allAtOnce = new Patient1();
        allAtOnce.Take(stream, end);
        var shuffled = new Patient1();
        foreach (var chunk in stream.OrderBy(_ => new Random(seed * 7).Next()).Chunk(9))
            shuffled.Take(chunk, end);

        allAtOnce.Results.ShouldBe(oneAtATime.Results);
        shuffled.Results.ShouldBe(oneAtATime.Results);
        oneAtATime.Results.ShouldContain(v => v.Contains("|Red|", StringComparison.Ordinal));
        allAtOnce.OpenAlerts.ShouldBe(oneAtATime.OpenAlerts);
        shuffled.OpenAlerts.ShouldBe(oneAtATime.OpenAlerts);
    }

    [Fact]
    public void ALateReading_ChangesTheLaterOnesAsIfItHadComeInTime_AndSaysWhichItChanged()
    {
        var book = new AlertBook(Patient, Service, [], Guid.NewGuid);
        var today = Reading(MeasurementType.BodyWeight, Start.AddDays(3), 82.4m);
        var first = PatientIntake.Take(Patient, [Plan1], [], [today], book, [], today.ReceivedAt, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);
        first.Added.ShouldHaveSingleItem().Outcome.ShouldBe(TriageOutcome.Green);

        var late = Reading(MeasurementType.BodyWeight, Start, 80.0m) with { ReceivedAt = Start.AddDays(3).AddHours(1) };
        var second = PatientIntake.Take(Patient, [Plan1], [new(today, first.Added[0])], [late], book, [], late.ReceivedAt, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);

        second.Added.ShouldHaveSingleItem().Late.ShouldBeTrue();
        var rejudged = second.Rejudged.ShouldHaveSingleItem();
        rejudged.ReportId.ShouldBe(today.Id);
        rejudged.Outcome.ShouldBe(TriageOutcome.Yellow);
        rejudged.Revision.ShouldBe(1);
        book.Active.ShouldHaveSingleItem().Members.ShouldHaveSingleItem().ReportId.ShouldBe(today.Id);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void StoredRecordsBeforeTheNewReports_ReadAsSummaries_JudgeTheNewOnesAlike(int seed)
    {
        var stream = Stream(seed).OrderBy(r => r.EffectiveAt).ToList();
        var (before, after) = (stream.Take(stream.Count - 4).ToList(), stream.Skip(stream.Count - 4).ToList());
        var whole = new Patient1();
        whole.Take(before, before[^1].ReceivedAt);
        var stored = whole.Stored;

        var withWhole = PatientIntake.Take(Patient, [Plan1], stored, after, new AlertBook(Patient, Service, [], Guid.NewGuid), [], after[^1].ReceivedAt, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);
        var withSummaries = PatientIntake.Take(Patient, [Plan1], [.. stored.Select(s => s with { Record = Summary(s.Record) })], after,
            new AlertBook(Patient, Service, [], Guid.NewGuid), [], after[^1].ReceivedAt, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);

        withSummaries.Added.Select(Said).ShouldBe(withWhole.Added.Select(Said));
        withWhole.Added.ShouldContain(r => r.Outcome != TriageOutcome.Green);
        withSummaries.Rejudged.ShouldBeEmpty();
    }

    [Fact]
    public void ASummaryRecord_IsNeverJudgedAgain()
    {
        var book = new AlertBook(Patient, Service, [], Guid.NewGuid);
        var today = Reading(MeasurementType.BodyWeight, Start.AddDays(3), 82.4m);
        var first = PatientIntake.Take(Patient, [Plan1], [], [today], book, [], today.ReceivedAt, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);
        var late = Reading(MeasurementType.BodyWeight, Start, 80.0m) with { ReceivedAt = Start.AddDays(3).AddHours(1) };

        // Intake reads whole records from the earliest new report on; a summary there is a bug, and it says so.
        Should.Throw<InvalidOperationException>(() =>
            PatientIntake.Take(Patient, [Plan1], [new(today, Summary(first.Added[0]))], [late], book, [], late.ReceivedAt, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn));
    }

    private static string Said(TriageRecord r) =>
        $"{r.Outcome}|{r.BaseOutcome}|{r.RuleId}|{r.Late}|{r.ExplanationNb}|{r.ExplanationEn}|{string.Join(",", r.Inputs)}";

    private static TriageRecord Summary(TriageRecord r) => TriageRecord.Summary(r.ReportId, r.PatientId, r.ClientId, r.Subject, r.EffectiveAt, r.ReceivedAt,
        r.Outcome, r.BaseOutcome, r.RuleId, r.RuleVersion, r.PlanVersionId, r.PlanVersionNumber, r.ExplanationNb, r.Late, r.UncertainTime, r.AlertId);

    [Fact]
    public void AReportThatBecomesRedLater_IsNeverHiddenInAnAlertTheNurseHasHandled()
    {
        var book = new AlertBook(Patient, Service, [], Guid.NewGuid);
        var start = Reading(MeasurementType.BodyWeight, Start, 80.0m);
        var today = Reading(MeasurementType.BodyWeight, Start.AddDays(3), 82.4m);
        var first = PatientIntake.Take(Patient, [Plan1], [], [start, today], book, [], today.ReceivedAt, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);
        first.Added[1].Outcome.ShouldBe(TriageOutcome.Yellow);
        var yellow = book.Active.ShouldHaveSingleItem();
        yellow.Handle(AlertAction.AdvisedPerPlan, "Rådet etter planen.", "nurse-1", today.ReceivedAt.AddHours(1)).ShouldBeNull();

        // A lower weight from two days ago arrives late: today's rise is now +3.4 kg, red.
        var late = Reading(MeasurementType.BodyWeight, Start.AddDays(1), 79.0m) with { ReceivedAt = Start.AddDays(3).AddHours(2) };
        var fresh = new AlertBook(Patient, Service, book.Active, Guid.NewGuid);
        var second = PatientIntake.Take(Patient, [Plan1], [new(start, first.Added[0]), new(today, first.Added[1])], [late], fresh, [], late.ReceivedAt, Varde.Domain.Questionnaires.QuestionnaireCatalogue.BuiltIn);

        var rejudged = second.Rejudged.ShouldHaveSingleItem();
        rejudged.Outcome.ShouldBe(TriageOutcome.Red);
        var red = fresh.Active.ShouldHaveSingleItem();
        red.Zone.ShouldBe(TriageOutcome.Red);
        red.Id.ShouldNotBe(yellow.Id);
        rejudged.AlertId.ShouldBe(red.Id);
    }
}
