using Varde.Domain.Alerts;
using Varde.Domain.Patients;
using Varde.Domain.Triage;
using Varde.Server.Components.Worklist;
using Varde.Server.Features.Alerts;

namespace Varde.Components.Tests;

public sealed class WorklistRowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Horten = Guid.NewGuid();
    private static readonly Guid Tønsberg = Guid.NewGuid();

    private static GetWorklist.PatientDto Patient(string name, Guid municipality, DiagnosisGroup diagnoses = DiagnosisGroup.Copd) =>
        new(Guid.NewGuid(), name, 70, municipality, municipality == Horten ? "Horten" : "Tønsberg", diagnoses);

    private static GetWorklist.Item Alert(GetWorklist.PatientDto p, AlertCategory category, TriageOutcome zone, int waitedMinutes, string? ackBy = null) =>
        new("alert", 0, Guid.NewGuid(), null, category, "measurement:OxygenSaturation", zone, AlertState.Open, p, "grunn", "reason", 1,
            Now.AddMinutes(-waitedMinutes), waitedMinutes, ackBy is null ? null : "Kari", ackBy, false, false, 1, []);

    private static GetWorklist.Item Review(GetWorklist.PatientDto p, int waitedMinutes) =>
        new("review", 3, null, Guid.NewGuid(), null, "measurement:Pulse", TriageOutcome.Green, null, p, "grønn", "green", 1,
            Now.AddMinutes(-waitedMinutes), waitedMinutes, null, null, false, false, null, []);

    [Fact]
    public void Build_OneRowPerPatient_LedByTheMostUrgentItem()
    {
        var anna = Patient("Anna", Horten);
        var items = new[] { Alert(anna, AlertCategory.Clinical, TriageOutcome.Yellow, 300), Alert(anna, AlertCategory.Clinical, TriageOutcome.Red, 5), Review(anna, 600) };

        var rows = WorklistRow.Build(items, new WorklistFilter(), "me");

        rows.Count.ShouldBe(1);
        rows[0].Kind.ShouldBe(WorkKind.Red);
        rows[0].Others.Count().ShouldBe(2);
        rows[0].ReportsToReview.Count.ShouldBe(1);
    }

    [Fact]
    public void Build_RedThenYellowByWaitingThenCheckAndMissingThenReview()
    {
        var (a, b, c, d, e, f) = (Patient("A", Horten), Patient("B", Horten), Patient("C", Horten), Patient("D", Horten), Patient("E", Horten), Patient("F", Horten));
        var items = new[]
        {
            Review(a, 900), Alert(b, AlertCategory.MissingReport, TriageOutcome.Yellow, 800), Alert(c, AlertCategory.Clinical, TriageOutcome.Yellow, 30),
            Alert(d, AlertCategory.Clinical, TriageOutcome.Yellow, 120), Alert(e, AlertCategory.Clinical, TriageOutcome.Red, 1),
            Alert(f, AlertCategory.CheckMeasurement, TriageOutcome.SuspectedMeasurementError, 700),
        };

        var rows = WorklistRow.Build(items, new WorklistFilter(), "me");

        rows.Select(r => r.Patient.Name).ShouldBe(["E", "D", "C", "F", "B", "A"]);
    }

    [Fact]
    public void Filter_ByMunicipalityKindDiagnosisAndMine()
    {
        var anna = Patient("Anna", Horten, DiagnosisGroup.Copd | DiagnosisGroup.HeartFailure);
        var bo = Patient("Bo", Tønsberg, DiagnosisGroup.Diabetes);
        var items = new[]
        {
            Alert(anna, AlertCategory.Clinical, TriageOutcome.Red, 5), Alert(anna, AlertCategory.Clinical, TriageOutcome.Yellow, 50, ackBy: "me"),
            Alert(bo, AlertCategory.Clinical, TriageOutcome.Yellow, 10),
        };

        WorklistRow.Build(items, new WorklistFilter(MunicipalityId: Tønsberg), "me").Single().Patient.ShouldBe(bo);
        WorklistRow.Build(items, new WorklistFilter(Diagnosis: DiagnosisGroup.HeartFailure), "me").Single().Patient.ShouldBe(anna);
        var yellow = WorklistRow.Build(items, new WorklistFilter(Kind: WorkKind.Yellow), "me");
        yellow.Select(r => r.Patient.Name).ShouldBe(["Anna", "Bo"]);
        yellow[0].Kind.ShouldBe(WorkKind.Yellow);
        WorklistRow.Build(items, new WorklistFilter(MineOnly: true), "me").Single().Lead.AcknowledgedById.ShouldBe("me");
    }
}
