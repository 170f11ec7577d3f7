using Varde.Domain.Alerts;
using Varde.Domain.Patients;
using Varde.Domain.Triage;
using Varde.Server.Features.Alerts;

namespace Varde.Server.Tests.Features.Alerts;

/// <summary>The live worklist puts a changed patient's items into the list shown; it keeps a full load's limit on greens.</summary>
public sealed class WorklistReplaceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);

    private static GetWorklist.PatientDto NewPatient(string name) => new(Guid.NewGuid(), name, 70, Guid.NewGuid(), "Horten", DiagnosisGroup.Copd);

    private static GetWorklist.Item Green(GetWorklist.PatientDto patient, int minutesAgo) => new("review", 3, null, Guid.NewGuid(), null, "measurement:Pulse",
        TriageOutcome.Green, null, patient, "grønn", "green", 1, Now.AddMinutes(-minutesAgo), minutesAgo, null, null, false, false, null, []);

    [Fact]
    public void APatientsNewGreens_PutIntoAFullList_KeepTheOldestFiveHundred_AsAFullLoadDoes()
    {
        var many = NewPatient("Mange");
        var heard = NewPatient("Hørt");
        var shown = Enumerable.Range(0, GetWorklist.MaxToReview).Select(m => Green(many, 1_000 - m)).ToList();
        var older = Green(heard, 2_000);
        var newer = Green(heard, 1);

        var list = GetWorklist.Replace(shown, new HashSet<Guid> { heard.Id }, [older, newer]);

        list.Count(i => i.Kind == "review").ShouldBe(GetWorklist.MaxToReview);
        list.ShouldContain(older);
        list.ShouldNotContain(newer);
        list.ShouldNotContain(shown[^1]); // the newest of before gives way to the older one heard now
        list.Select(i => i.WaitingSince).ShouldBeInOrder();
    }

    [Fact]
    public void AlertsAreNeverLeftOut_ByTheLimitOnGreens()
    {
        var many = NewPatient("Mange");
        var heard = NewPatient("Hørt");
        var shown = Enumerable.Range(0, GetWorklist.MaxToReview).Select(m => Green(many, 1_000 - m)).ToList();
        var red = Green(heard, 1) with { Kind = "alert", Rank = 0, AlertId = Guid.NewGuid(), ReportId = null, Zone = TriageOutcome.Red };

        var list = GetWorklist.Replace(shown, new HashSet<Guid> { heard.Id }, [red]);

        list[0].ShouldBe(red);
        list.Count.ShouldBe(GetWorklist.MaxToReview + 1);
    }

    private static GetWorklist.Item Red(GetWorklist.PatientDto patient) => Green(patient, 5) with
    {
        Kind = "alert", Rank = 0, AlertId = Guid.NewGuid(), ReportId = null, Zone = TriageOutcome.Red, State = AlertState.Open, Version = 1,
    };

    [Fact]
    public void ALiveLoadThatOnlyBroughtGreens_LeavesTheAlertsAsTheyWere()
    {
        var patient = NewPatient("Hørt");
        var red = Red(patient);
        var before = new List<GetWorklist.Item> { red, Green(patient, 30) };

        var after = GetWorklist.Replace(before, new HashSet<Guid> { patient.Id }, [red with { WaitingMinutes = 6 }, Green(patient, 30), Green(patient, 1)]);

        GetWorklist.AlertsDiffer(before, after).ShouldBeFalse("the alert waited a minute more, nothing else changed");
    }

    [Fact]
    public void AnAlertRaised_Acknowledged_OrClosed_ChangesTheAlerts()
    {
        var patient = NewPatient("Hørt");
        var red = Red(patient);
        var before = new List<GetWorklist.Item> { red, Green(patient, 30) };
        var acknowledged = red with { State = AlertState.Acknowledged, Version = 2, AcknowledgedById = "sykepleier1" };

        GetWorklist.AlertsDiffer(before, [red, Red(NewPatient("Ny")), Green(patient, 30)]).ShouldBeTrue("a new alert");
        GetWorklist.AlertsDiffer(before, [acknowledged, Green(patient, 30)]).ShouldBeTrue("acknowledged");
        GetWorklist.AlertsDiffer(before, [Green(patient, 30)]).ShouldBeTrue("closed");
        GetWorklist.AlertsDiffer(before, [red with { Version = 2 }, Green(patient, 30)]).ShouldBeTrue("changed otherwise (escalated, zone)");
    }
}
