using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Tablets;

/// <summary>
/// POST /api/patients/{id}/tablets/{tabletId}/revoke: the tablet can no longer be used to sign in (lost, returned,
/// or the code went astray); an open session on it ends at its next request. Revoking twice is harmless.
/// </summary>
public sealed partial class RevokeTablet(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, ILogger<RevokeTablet> logger)
{
    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/tablets/{tabletId:guid}/revoke", (Guid patientId, Guid tabletId, ClaimsPrincipal user, RevokeTablet slice,
                CancellationToken ct) => slice.HandleAsync(patientId, tabletId, user, ct))
            .WithName(nameof(RevokeTablet))
            .RequireAuthorization(Policies.EnrolPatients);

    public async Task<Results<Ok<TabletResponse>, ProblemHttpResult>> HandleAsync(Guid patientId, Guid tabletId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "tablet.revoke", ct) is null)
            return PatientProblems.NotFound(patientId);
        var device = await db.PatientDevices.SingleOrDefaultAsync(d => d.Id == tabletId && d.PatientId == patientId, ct);
        if (device is null)
            return TypedResults.Problem(detail: $"The patient has no tablet {tabletId}.", statusCode: StatusCodes.Status404NotFound,
                title: "Tablet not found", type: ProblemDetailsSetup.ProblemTypeBase + "tablet-not-found");
        var now = clock.GetUtcNow();
        if (device.Revoke(Callers.From(user).ActorId, now))
        {
            await db.SaveChangesAsync(ct);
            LogRevoked(logger, device.Id);
        }

        return TypedResults.Ok(TabletResponse.From(device, now));
    }

    [LoggerMessage(LogLevel.Information, "Tablet {DeviceId} revoked")]
    private static partial void LogRevoked(ILogger logger, Guid deviceId);
}
