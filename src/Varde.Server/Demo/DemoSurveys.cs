using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Questionnaires;
using Varde.Domain.Services;
using Varde.Domain.Surveys;

namespace Varde.Server.Demo;

/// <summary>
/// The demo service's user survey: on, every six months, to patients and relatives; and made-up answers from most of the
/// demo patients to the round before this one, so the survey page has a closed round to show. The job asks for the
/// round under way when the demo starts.
/// </summary>
public static class DemoSurveys
{
    public static async Task SeedAsync(VardeDbContext db, Guid serviceId, DateTimeOffset now, CancellationToken ct)
    {
        var leader = DemoIds.For("leder").ToString();
        var programme = SurveyProgramme.Set(null, serviceId, true, QuestionnaireCatalogue.UserExperienceId, 6, true, true, QuestionnaireCatalogue.BuiltIn, leader, now).Value;
        db.SurveyProgrammes.Add(programme);
        var today = NorwegianTime.Today(now);
        var current = SurveyRound.Of(today, programme.RoundMonths);
        var previous = new SurveyRound(current.Start.AddMonths(-programme.RoundMonths), programme.RoundMonths);
        var patients = await db.Patients.AsNoTracking().Where(p => p.FollowUpServiceId == serviceId).OrderBy(p => p.Id).ToListAsync(ct);
        var random = new Random(21);
        string Pick(params (string Code, int Weight)[] options)
        {
            var roll = random.Next(options.Sum(o => o.Weight));
            foreach (var (code, weight) in options)
            {
                if (roll < weight)
                    return code;
                roll -= weight;
            }

            return options[^1].Code;
        }

        // Six in seven answered.
        foreach (var patient in patients.Where((_, i) => i % 7 != 6))
        {
            var hasPlan = Pick(("yes", 8), ("no", 1), ("do-not-know", 1));
            QuestionnaireAnswer[] answers =
            [
                new("overall", Pick(("very-satisfied", 5), ("satisfied", 4), ("neither", 1))),
                new("safety", Pick(("safer", 8), ("unchanged", 2))),
                new("own-health", Pick(("better", 6), ("unchanged", 4))),
                new("quality-of-life", Pick(("better", 5), ("unchanged", 5))),
                new("physical-health", Pick(("better", 3), ("unchanged", 6), ("worse", 1))),
                new("contact", Pick(("always", 6), ("mostly", 3), ("sometimes", 1))),
                new("equipment", Pick(("yes", 8), ("partly", 2))),
                new("has-plan", hasPlan),
                .. hasPlan == "yes" ? new[] { new QuestionnaireAnswer("plan-useful", Pick(("yes", 7), ("partly", 3))) } : [],
            ];
            var invitation = SurveyInvitation.ForPatient(Guid.NewGuid(), programme, previous, patient.Id, now);
            db.SurveyAnswers.Add(SurveyAnswer.Give(Guid.NewGuid(), invitation, patient, QuestionnaireCatalogue.UserExperience, answers, previous.Start).Value);
        }
    }
}
