using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Alerts;

public sealed class AlertBookTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Patient = Guid.NewGuid();
    private static readonly Guid Service = Guid.NewGuid();

    private static TriageRecord Record(TriageOutcome outcome, int minutes, bool late = false, MeasurementType type = MeasurementType.OxygenSaturation)
    {
        var at = Now.AddMinutes(minutes);
        var report = new TriageReport(Guid.NewGuid(), $"c{minutes:D5}", at, late ? at.AddDays(1) : at, type, [90m]);
        return TriageRecord.For(report, Patient, Service, new TriageResult(outcome, "threshold", 1, null, null, [], $"nb {minutes}", $"en {minutes}", outcome, late), Now);
    }

    private static AlertBook Book(params Alert[] alerts) => new(Patient, Guid.NewGuid(), alerts, Guid.NewGuid);

    [Fact]
    public void YellowsOfTheSameKind_GroupIntoOneAlert_AndRedEscalatesIt()
    {
        var book = Book();
        book.Route(Record(TriageOutcome.Yellow, 0), Now);
        book.Route(Record(TriageOutcome.Yellow, 10), Now);
        book.Route(Record(TriageOutcome.Red, 20), Now);

        var alert = book.Active.ShouldHaveSingleItem();
        alert.ReportCount.ShouldBe(3);
        alert.Zone.ShouldBe(TriageOutcome.Red);
        alert.ReasonNb.ShouldBe("nb 20");
        book.Changes.Select(c => c.Change).ShouldBe(["alert.opened", "alert.updated", "alert.red"]);
    }

    [Fact]
    public void OtherKinds_AndGreens_DoNotJoin()
    {
        var book = Book();
        book.Route(Record(TriageOutcome.Yellow, 0), Now);
        book.Route(Record(TriageOutcome.Yellow, 5, type: MeasurementType.Pulse), Now);
        book.Route(Record(TriageOutcome.Green, 10), Now);
        book.Route(Record(TriageOutcome.SuspectedMeasurementError, 15), Now);

        book.Active.Select(a => (a.Category, a.Subject)).ShouldBe([(AlertCategory.Clinical, "measurement:OxygenSaturation"),
            (AlertCategory.Clinical, "measurement:Pulse"), (AlertCategory.CheckMeasurement, "measurement:OxygenSaturation")]);
    }

    [Fact]
    public void LateRed_NeverMakesTheAlertRed()
    {
        var book = Book();
        book.Route(Record(TriageOutcome.Red, 0, late: true), Now);

        var alert = book.Active.ShouldHaveSingleItem();
        alert.Zone.ShouldBe(TriageOutcome.Yellow);
        alert.Late.ShouldBeTrue();
        alert.RedSince.ShouldBeNull();
    }

    [Fact]
    public void ReMeasure_ResolvesTheCheckMeasurementAlert()
    {
        var book = Book();
        var error = Record(TriageOutcome.SuspectedMeasurementError, 0);
        book.Route(error, Now);
        var remeasure = Record(TriageOutcome.Green, 10);

        book.ResolveSettledChecks([error, remeasure], Now);

        book.Active.ShouldBeEmpty();
        book.Changes[^1].Change.ShouldBe("alert.resolved");
    }

    [Fact]
    public void ReEvaluatedToGreen_LeavesTheAlert_WhichResolvesWhenEmpty()
    {
        var book = Book();
        var record = Record(TriageOutcome.Yellow, 0);
        book.Route(record, Now);
        record.Reevaluated(record.Result with { Outcome = TriageOutcome.Green }, Now);

        book.Route(record, Now);

        book.Active.ShouldBeEmpty();
        record.AlertId.ShouldBeNull();
    }

    [Fact]
    public void Acknowledge_Twice_IsRefusedWithWhoHasIt()
    {
        var book = Book();
        book.Route(Record(TriageOutcome.Red, 0), Now);
        var alert = book.Active.Single();

        alert.Acknowledge("nurse-1", Now).ShouldBeNull();
        alert.Acknowledge("nurse-2", Now).ShouldNotBeNull().ShouldContain("nurse-1");
        alert.Handle(AlertAction.ContactedPatient, "Ringt, tar medisin", "nurse-1", Now).ShouldBeNull();
        alert.Handle(AlertAction.NoActionNeeded, null, "nurse-2", Now).ShouldNotBeNull().ShouldContain("handled");
    }
}
