using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Questionnaires;
using Varde.Domain.Services;
using Varde.Domain.Surveys;
using Varde.Server.Auth;
using Varde.Server.Features.Questionnaires;

namespace Varde.Server.Features.Surveys;

/// <summary>
/// POST /pasient/api/survey-answers: the patient (or relative) answers an open survey invitation of theirs. The answers
/// are stored without a link back (<see cref="SurveyAnswer"/>, with a random id) and the invitation is marked answered,
/// in one transaction; sent again (the app's outbox after a lost reply), the second changes nothing. Not in the access
/// log: nobody's record is read, and a logged time would tie the answer to its sender.
/// </summary>
public sealed class AnswerSurvey(VardeDbContext db, StoredQuestionnaires questionnaires, TimeProvider clock)
{
    /// <summary>The answers to one invitation; <see cref="QuestionnaireVersion"/>: the version shown (none: the current one).</summary>
    public sealed record Request(Guid? Invitation, IReadOnlyList<QuestionnaireAnswer>? Answers, string? QuestionnaireVersion = null, string? ClientId = null);

    /// <summary>What became of it: "stored", or "resent" (it had been answered already).</summary>
    public sealed record Response(Guid Id, string Status);

    public abstract record Outcome
    {
        public sealed record Stored : Outcome;

        public sealed record AlreadyAnswered : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NotFound : Outcome;
    }

    public static void Map(RouteGroupBuilder self) =>
        self.MapPost("/survey-answers", async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> (Request request, ClaimsPrincipal user,
                AnswerSurvey slice, CancellationToken ct) =>
                await slice.HandleAsync(request, user, ct) switch
                {
                    Outcome.Stored => TypedResults.Ok(new Response(request.Invitation!.Value, "stored")),
                    Outcome.AlreadyAnswered => TypedResults.Ok(new Response(request.Invitation!.Value, "resent")),
                    Outcome.Refused refused => TypedResults.ValidationProblem(ValidationError.ByField(refused.Errors)),
                    _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such survey",
                        detail: $"There is no survey {request.Invitation} for you."),
                })
            .WithName(nameof(AnswerSurvey));

    public async Task<Outcome> HandleAsync(Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Invitation is not { } invitationId)
            return new Outcome.Refused([new("invitation", "Say which survey is answered.")]);
        if (!Guid.TryParse(user.FindFirstValue(VardeClaims.Subject), out var respondentId))
            return new Outcome.NotFound();
        var invitation = await db.SurveyInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invitationId && i.RespondentId == respondentId, ct);
        if (invitation is null)
            return new Outcome.NotFound();
        if (invitation.Answered)
            return new Outcome.AlreadyAnswered();
        var version = string.IsNullOrWhiteSpace(request.QuestionnaireVersion) ? null : request.QuestionnaireVersion.Trim();
        // With the version the app showed, even when another node published it a moment ago.
        var catalogue = await questionnaires.CatalogueWithAsync([(invitation.QuestionnaireId, version)], ct);
        if (catalogue.Find(invitation.QuestionnaireId, version) is not { } questionnaire)
            return new Outcome.Refused([new("questionnaireVersion", $"The survey has no version '{version}' in use; open it again.")]);
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == invitation.PatientId, ct);
        // A random id (not time-ordered): nothing in the answer tells when it came.
        var answer = SurveyAnswer.Give(Guid.NewGuid(), invitation, patient, questionnaire, request.Answers, NorwegianTime.Today(clock.GetUtcNow()));
        if (!answer.IsValid)
            return new Outcome.Refused(answer.Errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Only the first of two sends at once marks it answered; the other stores nothing.
        var marked = await db.SurveyInvitations.Where(i => i.Id == invitationId && !i.Answered)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.Answered, true), ct);
        if (marked == 0)
            return new Outcome.AlreadyAnswered();
        // Every invitation of the round is written again in this transaction, so on PostgreSQL they all carry this
        // transaction's id (xmin): the invitations' row versions then say nothing about which was answered when, and
        // cannot be paired with the answers' in time order.
        await db.SurveyInvitations.Where(i => i.ServiceId == invitation.ServiceId && i.RoundStart == invitation.RoundStart && i.RoundMonths == invitation.RoundMonths)
            .ExecuteUpdateAsync(set => set.SetProperty(i => i.Answered, i => i.Answered), ct);
        db.SurveyAnswers.Add(answer.Value);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Outcome.Stored();
    }
}
