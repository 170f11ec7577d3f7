using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain.Questionnaires;
using Varde.Server.Auth;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Questionnaires;

/// <summary>
/// POST /api/patients/{id}/questionnaire-responses: stores a patient's answers once (idempotent by client id, like
/// measurements), scores them and triages them by the plan's questionnaire rules, through the one intake path (<see cref="ReportIntake"/>).
/// </summary>
public sealed class RecordQuestionnaireResponse(ReportIntake intake, ServiceHours hours, TimeProvider clock)
{
    /// <summary>The answers to a questionnaire; <see cref="QuestionnaireVersion"/>: the version answered (none: the current one).</summary>
    public sealed record Request(string? ClientId, string? Questionnaire, IReadOnlyList<QuestionnaireAnswer>? Answers, DateTimeOffset? EffectiveAt,
        string? QuestionnaireVersion = null);

    public sealed record Response(Guid Id, Guid PatientId, string ClientId, string Questionnaire, string QuestionnaireVersion, decimal? Score, DateTimeOffset EffectiveAt,
        DateTimeOffset ReceivedAt, IReadOnlyList<QuestionnaireAnswer> Answers, TriageDto Triage, Guid? AlertId, PatientInstruction? Instruction);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/questionnaire-responses", (Guid patientId, Request request, ClaimsPrincipal user,
                RecordQuestionnaireResponse slice, CancellationToken ct) => slice.HandleAsync(patientId, request, user, ct))
            .WithName(nameof(RecordQuestionnaireResponse))
            .RequireScope("QuestionnaireResponse", 'c')
            .RequireAuthorization(Policies.RecordMeasurements);

    public async Task<Results<Created<Response>, Ok<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid patientId, Request request,
        ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = (await intake.TakeInAsync([new IncomingResponse(patientId, request)], Callers.From(user), IntakeMode.EachOnItsOwn, ct))[0];
        switch (outcome)
        {
            case IntakeOutcome.Stored stored:
                var instruction = await hours.InstructionAsync(stored.Record.Result, stored.Record.Subject, stored.Plan, stored.ServiceId, clock.GetUtcNow(), ct);
                return TypedResults.Created($"/api/patients/{patientId}/questionnaire-responses/{stored.Report.Id}",
                    ToResponse(stored.Report.Response!, stored.Record, instruction));
            case IntakeOutcome.Resent { Record: { } record } resent:
                return TypedResults.Ok(ToResponse(resent.Report.Response!, record, await hours.InstructionAsync(record, resent.ServiceId, clock.GetUtcNow(), ct)));
            default:
                return Refusals.ToProblem<Response>(outcome, patientId, "The client id is already used for other answers");
        }
    }

    private static Response ToResponse(QuestionnaireResponse r, Domain.Triage.TriageRecord record, PatientInstruction? instruction) =>
        new(r.Id, r.PatientId, r.ClientId, r.QuestionnaireId, r.QuestionnaireVersion, r.Score, r.EffectiveAt, r.ReceivedAt, r.Answers, TriageDto.From(record.Result),
            record.AlertId, instruction);
}
