using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Pathways;
using Varde.Domain.Relatives;
using Varde.Domain.Services;
using Varde.Domain.Surveys;

namespace Varde.Server.Features.Surveys;

/// <summary>
/// Asks who is due in each service's survey round under way: followed patients (<see cref="FollowedPatients"/>) enrolled
/// at least <see cref="SurveyProgramme.FollowedDaysBeforeAsked"/> days ago, and their relatives whose consent in force
/// lets them see the app, once a round each (not in the round's last <see cref="SurveyProgramme.LastDaysNotAsked"/> days). The invitation shows in the patient app ("I dag"); it stays open until the round's last day.
/// A patient who has not answered a week later is reminded once (<see cref="Notifications.Notify.PatientOfSurvey"/>).
/// Run by <see cref="SurveyJobs"/>; running it twice asks nobody twice (unique in the database).
/// </summary>
public sealed class InviteToSurveys(VardeDbContext db, Questionnaires.StoredQuestionnaires questionnaires, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = NorwegianTime.Today(now);
        var enrolledBefore = now.AddDays(-SurveyProgramme.FollowedDaysBeforeAsked);
        var invited = 0;
        var catalogue = await questionnaires.CatalogueAsync(ct);
        foreach (var programme in await db.SurveyProgrammes.AsNoTracking().Where(p => p.IsOn).ToListAsync(ct))
        {
            var round = SurveyRound.Of(today, programme.RoundMonths);
            // Nobody is asked in a round's last two weeks (too little time to answer), nor to a questionnaire whose
            // current version has come to ask for free text (a survey takes none; the setting is refused then too).
            if (round.End.DayNumber - today.DayNumber < SurveyProgramme.LastDaysNotAsked
                || catalogue.Find(programme.QuestionnaireId) is not { } questionnaire || questionnaire.AsksForFreeText)
                continue;
            var asked = (await db.SurveyInvitations.AsNoTracking()
                .Where(i => i.ServiceId == programme.ServiceId && i.RoundStart == round.Start && i.RoundMonths == round.Months)
                .Select(i => i.RespondentId).ToListAsync(ct)).ToHashSet();
            // Followed patients (FollowedPatients.IsFollowed, in SQL): no pathway, or the newest one in its trial or active.
            var patients = await db.Patients.AsNoTracking()
                .Where(p => p.FollowUpServiceId == programme.ServiceId && p.EnrolledAt <= enrolledBefore)
                .Select(p => new
                {
                    p.Id,
                    Newest = db.Pathways.Where(w => w.PatientId == p.Id).OrderByDescending(w => w.ReferredAt).ThenByDescending(w => w.Id)
                        .Select(w => (PathwayState?)w.State).FirstOrDefault(),
                })
                .Where(p => p.Newest == null || p.Newest == PathwayState.TrialPeriod || p.Newest == PathwayState.Active)
                .Select(p => p.Id)
                .ToListAsync(ct);
            var fresh = new List<SurveyInvitation>();
            if (programme.AskPatients)
                fresh.AddRange(patients.Where(id => !asked.Contains(id)).Select(id => SurveyInvitation.ForPatient(Guid.CreateVersion7(now), programme, round, id, now)));
            if (programme.AskRelatives)
            {
                // A relative's consent in force is the newest decision (RelativeConsents); asked when it opens the app to
                // them (seeing values and the plan), not when withdrawn or for messages only.
                var relatives = await db.RelativeConsents.AsNoTracking()
                    .Where(c => patients.Contains(c.PatientId)
                        && c.Sequence == db.RelativeConsents.Where(d => d.RelativeId == c.RelativeId).Max(d => d.Sequence)
                        && (c.Permissions & RelativePermissions.SeeValuesAndPlan) != 0)
                    .Select(c => new { c.RelativeId, c.PatientId })
                    .ToListAsync(ct);
                fresh.AddRange(relatives.Where(r => !asked.Contains(r.RelativeId))
                    .Select(r => SurveyInvitation.ForRelative(Guid.CreateVersion7(now), programme, round, r.PatientId, r.RelativeId, now)));
            }

            if (fresh.Count == 0)
                continue;
            db.SurveyInvitations.AddRange(fresh);
            foreach (var invitation in fresh)
                Notifications.Notify.PatientOfSurvey(db, invitation, now);
            try
            {
                await db.SaveChangesAsync(ct);
                invited += fresh.Count;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another node asked them at the same time; the next run asks whoever is left.
                db.ChangeTracker.Clear();
            }
        }

        return invited;
    }
}
