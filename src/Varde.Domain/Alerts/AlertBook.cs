using Varde.Domain.Triage;

namespace Varde.Domain.Alerts;

/// <summary>
/// Routes one patient's triage results into alerts: a yellow or red report joins the patient's active alert of the
/// same kind (or opens one), a suspected measurement error joins the "check measurement" alert of its type, and a
/// report whose result changed on re-evaluation moves out of an alert that no longer fits. Reports in an alert a
/// nurse already handled stay where they are. A check-measurement alert is resolved once a trusted reading of the
/// same type measured after it exists (the re-measure). Collects what changed, for the outbox. A new report joins an
/// alert without its other reports; a re-judged report, a settled check and a fulfilled missed report need them all
/// (<see cref="NeedsAllMembers"/> says which alerts the caller must read whole).
/// </summary>
public sealed class AlertBook(Guid patientId, Guid serviceId, IEnumerable<Alert> activeAlerts, Func<Guid> newId)
{
    private readonly List<Alert> _active = activeAlerts.Where(a => a.IsActive).ToList();
    private readonly List<(Alert Alert, string Change)> _changes = [];

    /// <summary>The follow-up service the patient's new alerts and reports go to.</summary>
    public Guid ServiceId => serviceId;

    /// <summary>What changed, in order: ("alert.opened" | "alert.updated" | "alert.red" | "alert.resolved", alert).</summary>
    public IReadOnlyList<(Alert Alert, string Change)> Changes => _changes;

    public IEnumerable<Alert> Active => _active.Where(a => a.IsActive);

    /// <summary>
    /// Whether intake must read this active alert's reports: a check-measurement alert (settled by a re-measure) and a
    /// missing-report alert (a report that arrives after all leaves it) always; a clinical one only when reports already
    /// stored are judged again (<paramref name="storedJudgedAgain"/>), since one of them may move.
    /// </summary>
    public static bool NeedsAllMembers(Alert alert, bool storedJudgedAgain) =>
        storedJudgedAgain || alert.Category is AlertCategory.CheckMeasurement or AlertCategory.MissingReport;

    public static AlertCategory? CategoryOf(TriageOutcome outcome) => outcome switch
    {
        TriageOutcome.Yellow or TriageOutcome.Red => AlertCategory.Clinical,
        TriageOutcome.SuspectedMeasurementError => AlertCategory.CheckMeasurement,
        _ => null,
    };

    /// <summary>
    /// Routes a new or re-judged record. <paramref name="before"/> is a re-judged record's outcome before: a report in an
    /// alert a nurse already handled stays there, unless it has now become red, which no handled alert may hide: it then
    /// joins (or opens) an active red alert as well.
    /// </summary>
    public void Route(TriageRecord record, DateTimeOffset now, TriageOutcome? before = null)
    {
        var category = CategoryOf(record.Outcome);
        if (record.AlertId is { } current)
        {
            var alert = _active.FirstOrDefault(a => a.Id == current && a.IsActive);
            if (alert is null)
            {
                var becameRed = record.Outcome == TriageOutcome.Red && before is { } was && was != TriageOutcome.Red;
                if (!becameRed)
                    return;
            }
            else if (alert.Category == category)
            {
                Changed(alert, alert.Rejudged(AlertMember.From(record), now) ? "alert.red" : "alert.updated");
                return;
            }
            else
            {
                alert.Remove(record.ReportId, "Ny vurdering: rapporten hører ikke lenger hjemme i varselet.", now);
                Changed(alert, alert.IsActive ? "alert.updated" : "alert.resolved");
            }

            record.JoinedAlert(null);
        }

        if (category is { } c)
            record.JoinedAlert(Join(c, record.Subject, AlertMember.From(record), now).Id);
    }

    /// <summary>Adds a missed scheduled report to the patient's missing-report alert for that item.</summary>
    public Alert Missing(MissedReport missed, TriageOutcome zone, string reasonNb, string reasonEn, DateTimeOffset now)
    {
        var alert = Join(AlertCategory.MissingReport, missed.ItemKey,
            new AlertMember(missed.Id, $"missed:{missed.Day:yyyy-MM-dd}", missed.DueBy, zone, false, reasonNb, reasonEn), now);
        missed.JoinedAlert(alert.Id);
        return alert;
    }

    /// <summary>A scheduled report arrived after all: its missed slot leaves the missing-report alert.</summary>
    public void Fulfilled(MissedReport missed, DateTimeOffset now)
    {
        missed.Fulfil(now);
        var alert = _active.FirstOrDefault(a => a.Id == missed.AlertId && a.IsActive);
        if (alert is null)
            return;
        alert.Remove(missed.Id, "Rapporten kom senere.", now);
        Changed(alert, alert.IsActive ? "alert.updated" : "alert.resolved");
    }

    /// <summary>
    /// Settles suspected measurement errors that a later trusted reading of the same type has answered (the re-measure):
    /// they leave their check-measurement alert, which is resolved when none is left. Settling per report keeps the
    /// result the same whatever order the readings arrived in.
    /// </summary>
    public void ResolveSettledChecks(IEnumerable<TriageRecord> records, DateTimeOffset now)
    {
        var trusted = records.Where(r => r.Outcome != TriageOutcome.SuspectedMeasurementError).ToList();
        foreach (var check in _active.Where(a => a.IsActive && a.Category == AlertCategory.CheckMeasurement).ToList())
        {
            foreach (var member in check.Members.ToList())
            {
                var remeasure = trusted.Where(r => r.Subject == check.Subject && r.EffectiveAt > member.EffectiveAt)
                    .MinBy(r => (r.EffectiveAt, r.ClientId));
                if (remeasure is null)
                    continue;
                check.Remove(member.ReportId, $"Ny måling: {remeasure.ExplanationNb}", now);
                Changed(check, check.IsActive ? "alert.updated" : "alert.resolved");
            }
        }
    }

    private Alert Join(AlertCategory category, string subject, AlertMember member, DateTimeOffset now)
    {
        var open = _active.FirstOrDefault(a => a.IsActive && a.Category == category && a.Subject == subject);
        if (open is not null)
        {
            Changed(open, open.Add(member, now) ? "alert.red" : "alert.updated");
            return open;
        }

        var alert = Alert.Open(newId(), patientId, serviceId, category, subject, member, now);
        _active.Add(alert);
        Changed(alert, "alert.opened");
        return alert;
    }

    private void Changed(Alert alert, string change) => _changes.Add((alert, change));
}
