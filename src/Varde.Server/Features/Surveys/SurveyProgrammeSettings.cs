using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Administration;
using Varde.Domain.Organisations;
using Varde.Domain.Surveys;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;
using Varde.Server.Features.Questionnaires;

namespace Varde.Server.Features.Surveys;

/// <summary>
/// GET and PUT /api/services/{id}/survey: a follow-up service's user survey, read and set by its leader or coordinator
/// (<see cref="SurveyProgramme"/>). Every change is in the administrative audit log.
/// </summary>
public sealed class SurveyProgrammeSettings(VardeDbContext db, StoredQuestionnaires questionnaires, AdminAudit audit, TimeProvider clock)
{
    public sealed record Request(bool On, string? Questionnaire, int? RoundMonths, bool AskPatients, bool AskRelatives);

    /// <summary>The setting (null when never set), and the round under way with its invitations and answers so far.</summary>
    public sealed record Response(Guid ServiceId, bool On, string? Questionnaire, int? RoundMonths, bool AskPatients, bool AskRelatives,
        DateTimeOffset? ChangedAt, string? ChangedBy, string? CurrentRound, DateOnly? CurrentRoundEnds, int Invited, int Answered);

    public abstract record Outcome
    {
        public sealed record Stored(Response Programme) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NotYourService : Outcome;
    }

    public static void Map(RouteGroupBuilder services)
    {
        services.MapGet("/{serviceId:guid}/survey", async Task<Results<Ok<Response>, ProblemHttpResult>> (Guid serviceId, ClaimsPrincipal user,
                SurveyProgrammeSettings slice, CancellationToken ct) =>
                await slice.GetAsync(serviceId, user, ct) is { } found ? TypedResults.Ok(found) : Alerts.AlertProblems.ServiceNotFound(serviceId))
            .WithName("GetSurveyProgramme")
            .RequireAuthorization(Policies.ServiceCosts);
        services.MapPut("/{serviceId:guid}/survey", async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> (Guid serviceId, Request request,
                ClaimsPrincipal user, SurveyProgrammeSettings slice, CancellationToken ct) =>
                await slice.SetAsync(serviceId, request, user, ct) switch
                {
                    Outcome.Stored stored => TypedResults.Ok(stored.Programme),
                    Outcome.Refused refused => TypedResults.ValidationProblem(ValidationError.ByField(refused.Errors)),
                    _ => Alerts.AlertProblems.ServiceNotFound(serviceId),
                })
            .WithName("SetSurveyProgramme")
            .RequireAuthorization(Policies.ServiceCosts);
    }

    public async Task<Response?> GetAsync(Guid serviceId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await IsOwnServiceAsync(serviceId, user, ct))
            return null;
        var programme = await db.SurveyProgrammes.AsNoTracking().SingleOrDefaultAsync(p => p.ServiceId == serviceId, ct);
        return await ResponseAsync(serviceId, programme, ct);
    }

    public async Task<Outcome> SetAsync(Guid serviceId, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await IsOwnServiceAsync(serviceId, user, ct))
            return new Outcome.NotYourService();
        var catalogue = await questionnaires.CatalogueAsync(ct);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await db.SurveyProgrammes.SingleOrDefaultAsync(p => p.ServiceId == serviceId, ct);
            var before = stored is null ? null : Snapshot(stored);
            var set = SurveyProgramme.Set(stored, serviceId, request.On, request.Questionnaire, request.RoundMonths, request.AskPatients, request.AskRelatives,
                catalogue, Callers.From(user).ActorId, clock.GetUtcNow());
            if (!set.IsValid)
                return new Outcome.Refused(set.Errors);
            if (stored is null)
                db.SurveyProgrammes.Add(set.Value);
            audit.Stage(user, AdminEntityKinds.Survey, serviceId, stored is null ? AdminActions.Created : AdminActions.Edited, before, Snapshot(set.Value));
            try
            {
                await db.SaveChangesAsync(ct);
                return new Outcome.Stored(await ResponseAsync(serviceId, set.Value, ct));
            }
            catch (DbUpdateException e) when (attempt == 1 && DbErrors.IsUniqueViolation(e))
            {
                // Two first saves at once: the second finds the first's row and changes it.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<bool> IsOwnServiceAsync(Guid serviceId, ClaimsPrincipal user, CancellationToken ct) =>
        Alerts.ServiceAccess.WorksFor(user, serviceId)
        && await db.Organisations.AnyAsync(o => o.Id == serviceId && o.Kind == OrganisationKind.FollowUpService, ct);

    private async Task<Response> ResponseAsync(Guid serviceId, SurveyProgramme? programme, CancellationToken ct)
    {
        if (programme is null)
            return new(serviceId, false, null, null, false, false, null, null, null, null, 0, 0);
        var round = SurveyRound.Of(Domain.Services.NorwegianTime.Today(clock.GetUtcNow()), programme.RoundMonths);
        var invitations = await db.SurveyInvitations.AsNoTracking()
            .Where(i => i.ServiceId == serviceId && i.RoundStart == round.Start && i.RoundMonths == round.Months)
            .GroupBy(i => i.Answered).Select(g => new { Answered = g.Key, Count = g.Count() }).ToListAsync(ct);
        return new(serviceId, programme.IsOn, programme.QuestionnaireId, programme.RoundMonths, programme.AskPatients, programme.AskRelatives,
            programme.ChangedAt, programme.ChangedBy, round.FirstMonth, round.End, invitations.Sum(i => i.Count),
            invitations.Where(i => i.Answered).Sum(i => i.Count));
    }

    private static object Snapshot(SurveyProgramme p) => new { p.IsOn, p.QuestionnaireId, p.RoundMonths, p.AskPatients, p.AskRelatives };
}
