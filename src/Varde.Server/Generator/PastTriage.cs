using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Server.Generator;

/// <summary>
/// Triages a patient's past reports the way intake would have, report by report in time order with the same engine
/// and alert routing, then plays the nurse: alerts are handled about half an hour after they last changed, up to a day
/// ago, and green reports older than a day are reviewed. What is left is today's worklist. Used by the demo and the
/// generator, which both make history that must look like Varde made it.
/// </summary>
public static class PastTriage
{
    /// <summary>A reading to store: its id, what was sent and when it arrived.</summary>
    public sealed record Arrival(Guid Id, MeasurementInput Input, DateTimeOffset ReceivedAt);

    public sealed record Result(List<Measurement> Measurements, List<TriageRecord> Records, List<Alert> Alerts);


    public static Result Build(Patient patient, IReadOnlyList<PlanVersion> plans, IReadOnlyList<Arrival> arrivals, IReadOnlyList<QuestionnaireResponse> responses,
        string recordedBy, string nurse, DateTimeOffset now, Func<Guid> newAlertId)
    {
        var shapes = arrivals.Select(a => Measurement.Record(a.Id, patient.Id, a.Input, recordedBy, a.ReceivedAt).Value).ToList();
        var reports = shapes.Select(TriageReport.Of).Concat(responses.Select(r => r.AsReport())).ToList();
        reports.Sort(TriageReport.CompareByEffectiveTime);
        var results = TriageSequence.Evaluate(reports, reports.Select(_ => (TriageResult?)null).ToList(), 0, plans);
        var byClient = reports.Zip(results).ToDictionary(x => x.First.ClientId, x => x.Second);
        foreach (var m in shapes)
            m.JudgedOnArrival(byClient[m.ClientId]);
        var measurements = shapes;

        var book = new AlertBook(patient.Id, patient.FollowUpServiceId, [], newAlertId);
        var records = new List<TriageRecord>(reports.Count);
        foreach (var (report, result) in reports.Zip(results))
        {
            if (report.ReceivedAt < now.AddDays(-1))
                HandleWaiting(book.Active, report.ReceivedAt, nurse);
            var record = TriageRecord.For(report, patient.Id, result, report.ReceivedAt);
            records.Add(record);
            book.Route(record, report.ReceivedAt);
            book.ResolveSettledChecks(records, report.ReceivedAt);
        }

        HandleWaiting(book.Active, now.AddDays(-1), nurse);
        var alerts = book.Changes.Select(c => c.Alert).Distinct().ToList();
        var handled = alerts.Where(a => a.State == AlertState.Handled).Select(a => a.Id).ToHashSet();
        foreach (var record in records.Where(r => (r.AlertId is { } id && handled.Contains(id)) || (r.AlertId is null && r.ReceivedAt < now.AddDays(-1))))
            record.MarkReviewed(nurse, record.ReceivedAt.AddHours(3));
        return new Result(measurements, records, alerts);
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
