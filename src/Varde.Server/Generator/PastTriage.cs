using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Server.Generator;

/// <summary>
/// Takes a patient's past reports in the order they arrived, each the way intake took it then: through intake's pure
/// core (<see cref="PatientIntake.Take"/>) with the rolling triage state (<see cref="TriageState"/>) when the report
/// came in time order, with the look-back window of what was stored before it when it came late; and plays the nurse:
/// alerts are handled about half an hour after they last changed, up to a day ago, and green reports older than a day
/// are reviewed. What is left is today's worklist, with the state intake goes on from. Used by the demo and the
/// generator, which both make history that must look like Varde made it.
/// </summary>
public static class PastTriage
{
    /// <summary>A reading to store: its id, what was sent and when it arrived.</summary>
    public sealed record Arrival(Guid Id, MeasurementInput Input, DateTimeOffset ReceivedAt);

    public sealed record Result(List<Measurement> Measurements, List<TriageRecord> Records, List<Alert> Alerts, TriageState State);

    public static Result Build(Patient patient, IReadOnlyList<PlanVersion> plans, IReadOnlyList<Arrival> arrivals, IReadOnlyList<QuestionnaireResponse> responses,
        string recordedBy, string nurse, DateTimeOffset now, Func<Guid> newAlertId, QuestionnaireCatalogue questionnaires)
    {
        var measurements = arrivals.Select(a => Measurement.Record(a.Id, patient.Id, a.Input, recordedBy, a.ReceivedAt).Value).ToList();
        var byArrival = measurements.Select(m => (Report: TriageReport.Of(m), Measurement: (Measurement?)m))
            .Concat(responses.Select(r => (Report: r.AsReport(), Measurement: (Measurement?)null)))
            .OrderBy(x => x.Report.ReceivedAt).ThenBy(x => x.Report.EffectiveAt).ThenBy(x => x.Report.ClientId, StringComparer.Ordinal).ToList();

        var book = new AlertBook(patient.Id, patient.FollowUpServiceId, [], newAlertId);
        var lookback = PlanInForce.Lookback(plans);
        var stored = new List<PatientIntake.Stored>(byArrival.Count);
        var records = new List<TriageRecord>(byArrival.Count);
        var state = TriageState.None;
        foreach (var (report, measurement) in byArrival)
        {
            if (report.ReceivedAt < now.AddDays(-1))
                HandleWaiting(book.Active, report.ReceivedAt, nurse);
            var fromState = state.Judges([report], plans);
            var inOrder = fromState && state.InOrder([report]);
            IReadOnlyList<PatientIntake.Stored> read = !fromState ? Window(stored, report.EffectiveAt - lookback)
                : inOrder ? state.AsStored(patient.Id)
                : WholeFrom(state.AsStored(patient.Id), Window(stored, report.EffectiveAt), report.EffectiveAt);
            var record = PatientIntake.Take(patient.Id, plans, read, [report], book, [], report.ReceivedAt, questionnaires).Added[0];
            measurement?.JudgedOnArrival(record.Result);
            state = (fromState ? state : TriageState.None).With(
                (inOrder ? [] : read).Select(r => new TriagedReport(r.Report, r.Record.Result)).Append(new TriagedReport(report, record.Result)), plans);
            Insert(stored, new PatientIntake.Stored(report, record));
            records.Add(record);
        }

        HandleWaiting(book.Active, now.AddDays(-1), nurse);
        var alerts = book.Changes.Select(c => c.Alert).Distinct().ToList();
        var handled = alerts.Where(a => a.State == AlertState.Handled).Select(a => a.Id).ToHashSet();
        foreach (var record in records.Where(r => (r.AlertId is { } id && handled.Contains(id)) || (r.AlertId is null && r.ReceivedAt < now.AddDays(-1))))
            record.MarkReviewed(nurse, record.ReceivedAt.AddHours(3));
        return new Result(measurements, records, alerts, state);
    }

    // The stored reports (kept in effective-time order) measured from this time on.
    private static List<PatientIntake.Stored> Window(List<PatientIntake.Stored> stored, DateTimeOffset from)
    {
        var start = stored.FindIndex(s => s.Report.EffectiveAt >= from);
        return start < 0 ? [] : stored.GetRange(start, stored.Count - start);
    }

    // The kept reports, with the whole records of those measured from this time on (a report a little late judges them again).
    private static List<PatientIntake.Stored> WholeFrom(IReadOnlyList<PatientIntake.Stored> kept, List<PatientIntake.Stored> whole, DateTimeOffset from)
    {
        var byId = whole.ToDictionary(s => s.Report.Id);
        return [.. kept.Select(k => k.Report.EffectiveAt >= from ? byId[k.Report.Id] : k)];
    }

    private static void Insert(List<PatientIntake.Stored> stored, PatientIntake.Stored report)
    {
        var at = stored.Count;
        while (at > 0 && TriageReport.CompareByEffectiveTime(stored[at - 1].Report, report.Report) > 0)
            at--;
        stored.Insert(at, report);
    }

    /// <summary>The nurse handles what has waited more than two hours, about 35 minutes after it last changed.</summary>
    private static void HandleWaiting(IEnumerable<Alert> active, DateTimeOffset at, string nurse)
    {
        foreach (var alert in active.Where(a => a.UpdatedAt < at.AddHours(-2)).ToList())
        {
            var action = alert.Category == AlertCategory.CheckMeasurement ? AlertAction.AskedToRemeasure
                : alert.Zone == TriageOutcome.Red ? AlertAction.ContactedPatient
                : alert.Category == AlertCategory.MissingReport ? AlertAction.ContactedPatient : AlertAction.AdvisedPerPlan;
            alert.Handle(action, alert.Zone == TriageOutcome.Red ? "Ringt pasienten, fulgt opp etter planen." : "Rådet etter planen.", nurse,
                alert.UpdatedAt.AddMinutes(35));
        }
    }
}
