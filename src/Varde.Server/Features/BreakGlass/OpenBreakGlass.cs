using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Patients;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.BreakGlass;

/// <summary>
/// POST /api/break-glass (and the page /nodtilgang): a clinician names the patient by identity number and says why she
/// needs the data now. If her need-to-know already covers the patient, nothing is opened; otherwise emergency access
/// opens for two hours, is logged in the patient's access log and waits on the leader's review list.
/// </summary>
public sealed partial class OpenBreakGlass(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, ILogger<OpenBreakGlass> logger)
{
    public sealed record Request(string? IdentityNumber, string? Reason);

    public abstract record Outcome
    {
        /// <summary>Emergency access is open until <paramref name="Until"/>.</summary>
        public sealed record Opened(Guid PatientId, DateTimeOffset Until) : Outcome;

        /// <summary>The caller's need-to-know already reaches the patient: no emergency access is needed.</summary>
        public sealed record NotNeeded(Guid PatientId) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NoSuchPatient : Outcome;
    }

    public sealed record Response(Guid PatientId, bool Opened, DateTimeOffset? Until);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/break-glass", async Task<Results<Created<Response>, Ok<Response>, ValidationProblem, ProblemHttpResult>> (Request request,
                ClaimsPrincipal user, OpenBreakGlass slice, CancellationToken ct) =>
                await slice.HandleAsync(request, user, ct) switch
                {
                    Outcome.Opened o => TypedResults.Created($"/patients/{o.PatientId}", new Response(o.PatientId, true, o.Until)),
                    Outcome.NotNeeded n => TypedResults.Ok(new Response(n.PatientId, false, null)),
                    Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
                    _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No patient with this identity number",
                        detail: "Varde follows no patient with this identity number.", type: Infrastructure.ProblemDetailsSetup.ProblemTypeBase + "patient-not-found"),
                })
            .WithName(nameof(OpenBreakGlass)).WithTags("Break-glass").RequireAuthorization(Policies.BreakGlass);

    public async Task<Outcome> HandleAsync(Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var number = NorwegianIdentityNumber.Parse(request.IdentityNumber);
        var now = clock.GetUtcNow();
        var checkedReason = BreakGlassAccess.Open(Guid.CreateVersion7(now), Guid.Empty, caller, request.Reason, now);
        var errors = number.Errors.Concat(checkedReason.Errors).ToList();
        if (errors.Count > 0)
            return new Outcome.Refused(errors);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.IdentityNumber == number.Value.Value, ct);
        if (patient is null)
            return new Outcome.NoSuchPatient();
        if (PatientAccessRule.Allows(caller, patient.CareRelations))
            return new Outcome.NotNeeded(patient.Id);

        var access = checkedReason.Value with { PatientId = patient.Id };
        db.BreakGlassAccesses.Add(access);
        gate.Stage(caller, [patient.Id], "break-glass.open", AccessOutcome.BreakGlass);
        await db.SaveChangesAsync(ct);
        LogOpened(logger, access.Id, caller.Role);
        return new Outcome.Opened(patient.Id, access.Until);
    }

    [LoggerMessage(LogLevel.Warning, "Emergency access {BreakGlassId} opened by a {Role}")]
    private static partial void LogOpened(ILogger logger, Guid breakGlassId, Role role);
}
