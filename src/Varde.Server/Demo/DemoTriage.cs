using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Triage;

namespace Varde.Server.Demo;

/// <summary>
/// Triages a demo patient's 60 days the way intake would have, report by report in time order with the same engine
/// and alert routing, then plays the nurse: alerts are handled about half an hour after they last changed, up to a day ago,
/// and green reports older than a day are reviewed. What is left is today's worklist.
/// </summary>
public static class DemoTriage
{
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

    private static readonly TriageResult Unjudged = new(TriageOutcome.NoThresholds, "", 0, null, null, [], "", "");

    public static void Seed(VardeDbContext db, Patient patient, IReadOnlyList<PlanVersion> plans, IEnumerable<MeasurementInput> inputs,
        IEnumerable<DemoAnswers.Planned> answers, string nurse, DateTimeOffset now)
    {
        var shapes = inputs.Select(input => Measurement.Record(DemoIds.For(input.ClientId!), patient.Id, input, DemoLogins.GatewayClientId,
            input.EffectiveAt!.Value.AddSeconds(30), _ => Unjudged).Value).ToList();
        var responses = answers.Select(a => QuestionnaireResponse.Record(DemoIds.For(a.ClientId), patient.Id, a.ClientId, a.QuestionnaireId, a.Answers,
            a.At, DemoLogins.GatewayClientId, a.At.AddSeconds(30)).Value).ToList();
        var reports = shapes.Select(TriageReport.Of).Concat(responses.Select(r => r.AsReport())).ToList();
        reports.Sort(TriageReport.CompareByEffectiveTime);
        var results = TriageSequence.Evaluate(reports, reports.Select(_ => (TriageResult?)null).ToList(), 0, plans);
        var byClient = reports.Zip(results).ToDictionary(x => x.First.ClientId, x => x.Second);

        db.Measurements.AddRange(inputs.Select(input => Measurement.Record(DemoIds.For(input.ClientId!), patient.Id, input, DemoLogins.GatewayClientId,
            input.EffectiveAt!.Value.AddSeconds(30), report => byClient[report.ClientId]).Value));
        db.QuestionnaireResponses.AddRange(responses);

        var book = new AlertBook(patient.Id, patient.FollowUpServiceId, [], () => Guid.CreateVersion7(now));
        var records = new List<TriageRecord>();
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
        db.TriageRecords.AddRange(records);
        db.Alerts.AddRange(alerts);
    }
}
