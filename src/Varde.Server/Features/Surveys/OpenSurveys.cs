using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Services;
using Varde.Domain.Surveys;
using Varde.Server.Auth;

namespace Varde.Server.Features.Surveys;

/// <summary>The survey invitations open to whoever is signed in to the patient app (the patient, or a relative), newest first.</summary>
public sealed class OpenSurveys(VardeDbContext db, TimeProvider clock)
{
    public sealed record Open(Guid Invitation, string Questionnaire, DateOnly Ends);

    public async Task<IReadOnlyList<Open>> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Guid.TryParse(user.FindFirstValue(VardeClaims.Subject), out var respondentId))
            return [];
        var today = NorwegianTime.Today(clock.GetUtcNow());
        var invitations = await db.SurveyInvitations.AsNoTracking().Where(i => i.RespondentId == respondentId && !i.Answered).ToListAsync(ct);
        return [.. invitations.Where(i => i.IsOpenOn(today)).OrderByDescending(i => i.RoundStart).Select(i => new Open(i.Id, i.QuestionnaireId, i.Round.End))];
    }

    /// <summary>One open invitation of the one signed in; null when it is not theirs, answered or over.</summary>
    public async Task<SurveyInvitation?> FindAsync(ClaimsPrincipal user, Guid invitationId, CancellationToken ct)
    {
        if (!Guid.TryParse(user.FindFirstValue(VardeClaims.Subject), out var respondentId))
            return null;
        var invitation = await db.SurveyInvitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == invitationId && i.RespondentId == respondentId, ct);
        return invitation?.IsOpenOn(NorwegianTime.Today(clock.GetUtcNow())) == true ? invitation : null;
    }
}
