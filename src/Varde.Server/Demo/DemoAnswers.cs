using Varde.Domain.Patients;
using Varde.Domain.Questionnaires;

namespace Varde.Server.Demo;

/// <summary>Daily symptom answers and a weekly CAT for the demo's COPD and heart-failure patients, worse during their episodes.</summary>
public static class DemoAnswers
{
    public sealed record Planned(string ClientId, string QuestionnaireId, IReadOnlyList<QuestionnaireAnswer> Answers, DateTimeOffset At);

    public static IEnumerable<Planned> For(DemoPopulation.DemoPatient patient, DateTimeOffset now)
    {
        if (!patient.Diagnoses.HasFlag(DiagnosisGroup.Copd) && !patient.Diagnoses.HasFlag(DiagnosisGroup.HeartFailure))
            yield break;
        var r = new Random(patient.Index * 104729);
        var episodeStart = DemoMeasurements.EpisodeStart(patient);
        for (var day = 0; day <= DemoMeasurements.Days; day++)
        {
            var at = DemoTime.On(now, DemoMeasurements.Days, day, new TimeOnly(8, 0)).AddMinutes(r.Next(0, 90));
            if (at > now || r.NextDouble() < 0.06)
                continue;
            var worse = day >= episodeStart && day < episodeStart + 5;
            string YesIf(double chance) => r.NextDouble() < chance ? "yes" : "no";
            yield return new($"demo-{patient.Index}-daily-{day}", QuestionnaireCatalogue.DailySymptomsId,
            [
                new(QuestionnaireCatalogue.Daily.MoreBreathless, YesIf(worse ? 0.8 : 0.04)),
                new(QuestionnaireCatalogue.Daily.Swelling, YesIf(worse && patient.Diagnoses.HasFlag(DiagnosisGroup.HeartFailure) ? 0.7 : 0.03)),
                new(QuestionnaireCatalogue.Daily.ChestPain, YesIf(0.004)),
            ], at);
            if (patient.Diagnoses.HasFlag(DiagnosisGroup.Copd) && at.DayOfWeek == DayOfWeek.Monday)
            {
                var level = (worse ? 4 : 2) + r.Next(-1, 2);
                yield return new($"demo-{patient.Index}-cat-{day}", QuestionnaireCatalogue.CatId,
                    QuestionnaireCatalogue.Cat.Items.Select(i => new QuestionnaireAnswer(i.LinkId,
                        Math.Clamp(level + r.Next(-1, 2), 0, 5).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList(), at.AddMinutes(10));
            }
        }
    }
}
