using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Questionnaires;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// POST /api/patients/{id}/questionnaire-responses: stores a patient's answers once (idempotent by client id, like
/// measurements), scores them and triages them by the plan's questionnaire rules.
/// </summary>
public sealed class RecordQuestionnaireResponse(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, ReportIntake intake,
    PatientLocks locks, ServiceHours hours)
{
    public sealed record Request(string? ClientId, string? Questionnaire, IReadOnlyList<QuestionnaireAnswer>? Answers, DateTimeOffset? EffectiveAt);

    public sealed record Response(Guid Id, Guid PatientId, string ClientId, string Questionnaire, decimal? Score, DateTimeOffset EffectiveAt,
        DateTimeOffset ReceivedAt, IReadOnlyList<QuestionnaireAnswer> Answers, TriageDto Triage, Guid? AlertId, PatientInstruction? Instruction);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/questionnaire-responses", (Guid patientId, Request request, ClaimsPrincipal user,
                RecordQuestionnaireResponse slice, CancellationToken ct) => slice.HandleAsync(patientId, request, user, ct))
            .WithName(nameof(RecordQuestionnaireResponse))
            .RequireAuthorization(Policies.RecordMeasurements);

    public async Task<Results<Created<Response>, Ok<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid patientId, Request request,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var patient = await gate.OpenAsync(user, patientId, "questionnaire-response.record", ct);
        if (patient is null)
            return PatientProblems.NotFound(patientId);

        using var patientLock = await locks.AcquireAsync(patientId, ct);
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        // Shape and validate first, and answer a resend before anything is read for triage.
        var recorded = QuestionnaireResponse.Record(id, patientId, request.ClientId, request.Questionnaire, request.Answers,
            request.EffectiveAt, Callers.From(user).ActorId, now);
        if (!recorded.IsValid)
            return TypedResults.ValidationProblem(recorded.ErrorsByField());
        var earlier = await db.QuestionnaireResponses.AsNoTracking().SingleOrDefaultAsync(r => r.PatientId == patientId && r.ClientId == recorded.Value.ClientId, ct);
        if (earlier is not null)
        {
            if (!earlier.IsSameResponseAs(recorded.Value))
                return PatientProblems.Conflict("client-id-reused", "The client id is already used for other answers",
                    $"Client id '{earlier.ClientId}' was already used for different answers of this patient; use a new client id.");
            var stored = await db.TriageRecords.AsNoTracking().SingleAsync(r => r.ReportId == earlier.Id, ct);
            return TypedResults.Ok(ToResponse(earlier, stored, await hours.InstructionAsync(stored, patient.FollowUpServiceId, now, ct)));
        }

        var judgement = await intake.LoadAsync(patient, request.EffectiveAt!.Value, Domain.Triage.TriageReport.SubjectOf(recorded.Value.QuestionnaireId), now, ct);
        var response = QuestionnaireResponse.Record(id, patientId, request.ClientId, request.Questionnaire, request.Answers,
            request.EffectiveAt, Callers.From(user).ActorId, now, judgement.NotBefore).Value;
        judgement.Judge(response.AsReport());
        db.QuestionnaireResponses.Add(response);
        var record = await intake.CommitAsync(judgement, ct);
        var instruction = await hours.InstructionAsync(record.Result, judgement.PlanAt(response.EffectiveAt), patient.FollowUpServiceId, now, ct);
        return TypedResults.Created($"/api/patients/{patientId}/questionnaire-responses/{response.Id}", ToResponse(response, record, instruction));
    }

    private static Response ToResponse(QuestionnaireResponse r, Domain.Triage.TriageRecord record, PatientInstruction? instruction) =>
        new(r.Id, r.PatientId, r.ClientId, r.QuestionnaireId, r.Score, r.EffectiveAt, r.ReceivedAt, r.Answers, TriageDto.From(record.Result),
            record.AlertId, instruction);
}
