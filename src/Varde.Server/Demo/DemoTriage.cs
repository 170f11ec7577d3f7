using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Questionnaires;
using Varde.Server.Generator;

namespace Varde.Server.Demo;

/// <summary>Triages a demo patient's 60 days as intake would have, and plays the nurse (<see cref="PastTriage"/>); stores the rolling triage state intake goes on from.</summary>
public static class DemoTriage
{
    public static void Seed(VardeDbContext db, Patient patient, IReadOnlyList<PlanVersion> plans, IEnumerable<MeasurementInput> inputs,
        IEnumerable<DemoAnswers.Planned> answers, string nurse, DateTimeOffset now, QuestionnaireCatalogue questionnaires)
    {
        var arrivals = inputs.Select(input => new PastTriage.Arrival(DemoIds.For(input.ClientId!), input, input.EffectiveAt!.Value.AddSeconds(30))).ToList();
        var responses = answers.Select(a => QuestionnaireResponse.Record(DemoIds.For(a.ClientId), patient.Id, a.ClientId, a.QuestionnaireId, a.Answers,
            a.At, DemoLogins.GatewayClientId, a.At.AddSeconds(30), questionnaires).Value).ToList();
        var result = PastTriage.Build(patient, plans, arrivals, responses, DemoLogins.GatewayClientId, nurse, now, () => Guid.CreateVersion7(now), questionnaires);
        db.Measurements.AddRange(result.Measurements);
        db.QuestionnaireResponses.AddRange(responses);
        db.TriageRecords.AddRange(result.Records);
        db.Alerts.AddRange(result.Alerts);
        Features.Triage.TriageStates.Stage(db, patient.Id, null, result.State, now);
    }
}
