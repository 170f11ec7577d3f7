using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Server.Auth;

namespace Varde.Server.Features.BreakGlass;

/// <summary>POST /api/break-glass/{id}/review: the leader of the patient's follow-up service records what she found about one emergency access.</summary>
public sealed class ReviewBreakGlass(VardeDbContext db, TimeProvider clock)
{
    public sealed record Request(string? Note);

    public abstract record Outcome
    {
        public sealed record Reviewed : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NotFound : Outcome;
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/break-glass/{id:guid}/review", async Task<Results<NoContent, ValidationProblem, NotFound>> (Guid id,
                Request request, ClaimsPrincipal user, ReviewBreakGlass slice, CancellationToken ct) =>
                await slice.HandleAsync(id, request, user, ct) switch
                {
                    Outcome.Reviewed => TypedResults.NoContent(),
                    Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
                    _ => TypedResults.NotFound(),
                })
            .WithName(nameof(ReviewBreakGlass)).WithTags("Break-glass").RequireAuthorization(Policies.ReviewBreakGlass);

    public async Task<Outcome> HandleAsync(Guid id, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        // Only uses on the patients of the leader's own service; any other id is not found.
        var exists = await (from b in db.BreakGlassAccesses
                            join p in db.Patients on b.PatientId equals p.Id
                            where b.Id == id && p.FollowUpServiceId == caller.OrganisationId
                            select b.Id).AnyAsync(ct);
        if (!exists)
            return new Outcome.NotFound();
        var now = clock.GetUtcNow();
        var review = BreakGlassReview.Record(Guid.CreateVersion7(now), id, caller.ActorId, request.Note, now);
        if (!review.IsValid)
            return new Outcome.Refused(review.Errors);
        db.BreakGlassReviews.Add(review.Value);
        await db.SaveChangesAsync(ct);
        return new Outcome.Reviewed();
    }
}
