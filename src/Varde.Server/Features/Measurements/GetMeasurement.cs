using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Measurements;

/// <summary>GET /api/patients/{id}/measurements/{measurementId}: one stored measurement with its triage (the Location of a new one).</summary>
public sealed class GetMeasurement(VardeDbContext db, PatientAccessGate gate)
{
    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/measurements/{measurementId:guid}", (Guid patientId, Guid measurementId, ClaimsPrincipal user,
                GetMeasurement slice, CancellationToken ct) => slice.HandleAsync(patientId, measurementId, user, ct))
            .WithName(nameof(GetMeasurement))
            .RequireScope("Observation", 'r')
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Results<Ok<MeasurementResponse>, ProblemHttpResult>> HandleAsync(Guid patientId, Guid measurementId, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "measurement.read", ct) is null)
            return PatientProblems.NotFound(patientId);

        var measurement = await db.Measurements.AsNoTracking().SingleOrDefaultAsync(m => m.Id == measurementId && m.PatientId == patientId, ct);
        return measurement is null
            ? TypedResults.Problem(detail: $"Patient {patientId} has no measurement {measurementId}.", statusCode: StatusCodes.Status404NotFound,
                title: "Measurement not found", type: ProblemDetailsSetup.ProblemTypeBase + "measurement-not-found")
            : TypedResults.Ok(MeasurementResponse.From(measurement,
                await db.TriageRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ReportId == measurement.Id, ct)));
    }
}
