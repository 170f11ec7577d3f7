using Varde.Domain.Alerts;
using Varde.Domain.Plans;

namespace Varde.Domain.Triage;

/// <summary>
/// The pure core of intake for one patient: new reports, with the stored reports around them and the patient's plans,
/// active alerts (in an <see cref="AlertBook"/>) and open missed-report items, become triage records and alert changes.
/// Each new report is judged against everything before it by effective time; stored reports after the earliest new one
/// are judged again and change only where their result changed (a late reading changes them as if it had come in
/// time); every new or changed record is routed into alerts; check-measurement items that a re-measure answered are
/// settled; missed-report items a new report fulfils leave their alert. The same call serves one report and a thousand,
/// so one at a time and N at once leave the same records and alerts. The caller stores what it returns and what the
/// book changed.
/// </summary>
public static class PatientIntake
{
    /// <summary>A stored report with its current triage record.</summary>
    public sealed record Stored(TriageReport Report, TriageRecord Record);

    /// <summary>The records of the new reports (in the order given) and the stored records whose result changed.</summary>
    public sealed record Taken(IReadOnlyList<TriageRecord> Added, IReadOnlyList<TriageRecord> Rejudged);

    public static Taken Take(Guid patientId, IReadOnlyList<PlanVersion> plans, IReadOnlyList<Stored> stored, IReadOnlyList<TriageReport> incoming,
        AlertBook book, IEnumerable<MissedReport> openMissed, DateTimeOffset now, Questionnaires.QuestionnaireCatalogue questionnaires)
    {
        if (incoming.Count == 0)
            return new([], []);
        var ordered = stored.Select(s => s.Report).Concat(incoming).ToList();
        ordered.Sort(TriageReport.CompareByEffectiveTime);
        var newIds = incoming.Select(r => r.Id).ToHashSet();
        var storedRecords = stored.ToDictionary(s => s.Report.Id, s => s.Record);
        var first = ordered.FindIndex(r => newIds.Contains(r.Id));
        var results = TriageSequence.Evaluate(ordered, ordered.Select(r => storedRecords.GetValueOrDefault(r.Id)?.Result).ToList(), first, plans, questionnaires);

        var added = new Dictionary<Guid, TriageRecord>();
        var rejudged = new List<TriageRecord>();
        for (var i = first; i < ordered.Count; i++)
        {
            var report = ordered[i];
            var result = results[i - first];
            if (newIds.Contains(report.Id))
            {
                var record = TriageRecord.For(report, patientId, book.ServiceId, result, now);
                added[report.Id] = record;
                book.Route(record, now);
            }
            else if (storedRecords[report.Id] is var later && later.Differs(result))
            {
                var before = later.Outcome;
                later.Reevaluated(result, now);
                rejudged.Add(later);
                book.Route(later, now, before);
            }
        }

        book.ResolveSettledChecks(ordered.Select(r => added.GetValueOrDefault(r.Id) ?? storedRecords[r.Id]), now);
        var missed = openMissed.ToList();
        foreach (var record in added.Values)
        {
            foreach (var m in missed.Where(m => m.FulfilledAt is null && m.IsFulfilledBy(record.Subject, record.EffectiveAt)))
                book.Fulfilled(m, now);
        }

        return new(incoming.Select(r => added[r.Id]).ToList(), rejudged);
    }
}
