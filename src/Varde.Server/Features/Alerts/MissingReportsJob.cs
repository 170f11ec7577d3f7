using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Domain.Services;
using Varde.Domain.Triage;
using Varde.Server.Features.Questionnaires;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// Raises a "missing report" item for every scheduled measurement or questionnaire that has not arrived by its
/// deadline (due-by time plus grace) in the last two days, according to the plan in force. Idempotent per due slot:
/// run it as often as you like, each slot is raised once (one stored row per patient, item and day).
/// </summary>
public sealed class MissingReportsJob(VardeDbContext db, PatientLocks locks, TimeProvider clock, StoredQuestionnaires stored)
{
    public static readonly TimeSpan LookBack = TimeSpan.FromHours(48);

    /// <summary>Returns how many missed slots were raised.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var plans = (await db.PlanVersions.AsNoTracking().ToListAsync(ct)).GroupBy(v => v.PatientId).ToDictionary(g => g.Key, g => g.ToList());
        var patients = await db.Patients.AsNoTracking().Where(p => plans.Keys.Contains(p.Id)).ToListAsync(ct);
        var settings = await db.ServiceSettings.AsNoTracking().ToDictionaryAsync(s => s.ServiceId, ct);
        var raised = 0;
        QuestionnaireCatalogue? questionnaires = null;
        foreach (var patient in patients)
        {
            var plan = PlanInForce.At(plans[patient.Id], now);
            if (plan is null || plan.Rules.Schedule.Count == 0)
                continue;
            var after = new[] { now - LookBack, plan.CreatedAt, patient.EnrolledAt }.Max();
            var grace = (settings.GetValueOrDefault(patient.FollowUpServiceId) ?? ServiceSettings.Default(patient.FollowUpServiceId)).DefaultGrace;
            var slots = DueSlots.WithDeadlineBetween(plan.Rules.Schedule, after, now, grace).ToList();
            if (slots.Count == 0)
                continue;
            questionnaires ??= await stored.CatalogueAsync(ct);

            await using var hold = await locks.HoldAsync(db, [patient.Id], ct);
            raised += await RaiseAsync(hold, patient.Id, slots, now, questionnaires, ct);
        }

        return raised;
    }

    private async Task<int> RaiseAsync(PatientLocks.Held hold, Guid patientId, List<DueSlot> slots, DateTimeOffset now,
        QuestionnaireCatalogue questionnaires, CancellationToken ct)
    {
        var firstOpens = slots.Min(s => s.Opens);
        var days = slots.Select(s => s.Day).Distinct().ToList();
        var already = (await db.MissedReports.AsNoTracking().Where(m => m.PatientId == patientId && days.Contains(m.Day))
            .Select(m => new { m.ItemKey, m.Day }).ToListAsync(ct)).Select(m => (m.ItemKey, m.Day)).ToHashSet();
        var reports = await db.TriageRecords.AsNoTracking().Where(r => r.PatientId == patientId && r.EffectiveAt >= firstOpens)
            .Select(r => new { r.Subject, r.EffectiveAt }).ToListAsync(ct);
        var missing = slots.Where(s => !already.Contains((s.Item.Key, s.Day)) && !reports.Any(r => s.IsFulfilledBy(r.Subject, r.EffectiveAt))).ToList();
        if (missing.Count == 0)
            return 0;

        // The service that follows the patient now, read under the hold: a transfer since the list was read moved them (ADR 0056).
        var serviceId = await db.Patients.Where(p => p.Id == patientId).Select(p => p.FollowUpServiceId).SingleAsync(ct);
        var book = await PatientAlerts.OpenBookAsync(db, patientId, serviceId, now, ct);
        foreach (var slot in missing)
        {
            var missed = MissedReport.Raise(Guid.CreateVersion7(now), patientId, slot, now);
            db.MissedReports.Add(missed);
            if (slot.Item.MissingZone is TriageOutcome.Yellow or TriageOutcome.Red)
            {
                var (nb, en) = Reason(slot, questionnaires);
                book.Missing(missed, slot.Item.MissingZone, nb, en, now);
            }
        }

        PatientAlerts.Stage(db, book, now);
        try
        {
            await db.SaveChangesAsync(ct);
            await hold.CommitAsync(ct);
            return missing.Count;
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another run raised these slots at the same moment.
            return 0;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static (string Nb, string En) Reason(DueSlot slot, QuestionnaireCatalogue questionnaires)
    {
        var q = questionnaires.Find(slot.Item.QuestionnaireId);
        var (nameNb, nameEn) = slot.Item.Measurement is { } m
            ? (MeasurementCatalogue.Get(m).NameNb, MeasurementCatalogue.Get(m).NameEn)
            : (q?.TitleNb ?? slot.Item.QuestionnaireId ?? "", q?.TitleEn ?? slot.Item.QuestionnaireId ?? "");
        var due = DisplayTime.TimeOfDay(slot.DueBy);
        return ($"{nameNb} mangler: skulle vært sendt innen kl. {due} {DisplayTime.Date(slot.Day, false)}.",
            $"{nameEn} missing: was due by {due} on {DisplayTime.Date(slot.Day, true)}.");
    }
}
