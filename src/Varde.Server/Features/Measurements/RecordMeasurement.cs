using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Plans;
using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Measurements;

/// <summary>
/// POST /api/patients/{id}/measurements: stores a reading once and triages it against the patient's plan.
/// Idempotent by <c>clientId</c>: a resent reading returns the stored one (200) instead of a second copy, also when
/// resends race (a unique index on patient + client id decides); reusing a client id for a different reading is 409.
/// Nothing is stored when the reading is invalid.
/// </summary>
public sealed partial class RecordMeasurement(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, VardeMetrics metrics,
    ILogger<RecordMeasurement> logger)
{
    public sealed record Request(string? ClientId, string? Type, decimal? Value, decimal? Systolic, decimal? Diastolic, string? Unit,
        DateTimeOffset? EffectiveAt);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/measurements", (Guid patientId, Request request, ClaimsPrincipal user, RecordMeasurement slice,
                CancellationToken ct) => slice.HandleAsync(patientId, request, user, ct))
            .WithName(nameof(RecordMeasurement))
            .RequireAuthorization(Policies.RecordMeasurements);

    public async Task<Results<Created<MeasurementResponse>, Ok<MeasurementResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid patientId, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "measurement.record", ct) is null)
            return PatientProblems.NotFound(patientId);

        var type = MeasurementTypes.Parse(request.Type);
        if (type is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["type"] = [$"Unknown measurement type '{request.Type}'; known types: {MeasurementTypes.Known}."],
            });

        var now = clock.GetUtcNow();
        var plan = await CurrentPlanVersion.ForPatientAsync(db, patientId, ct);
        var input = new MeasurementInput(request.ClientId, type, request.Value, request.Systolic, request.Diastolic, request.Unit, request.EffectiveAt);
        var recorded = Measurement.Record(Guid.CreateVersion7(now), patientId, input, plan, Callers.From(user).ActorId, now);
        if (!recorded.IsValid)
            return TypedResults.ValidationProblem(recorded.ErrorsByField());

        var measurement = recorded.Value;
        var earlier = await FindByClientIdAsync(patientId, measurement.ClientId, ct);
        if (earlier is not null)
            return Resent(earlier, measurement);

        db.Measurements.Add(measurement);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.Entry(measurement).State = EntityState.Detached;
            return Resent((await FindByClientIdAsync(patientId, measurement.ClientId, ct))!, measurement);
        }

        metrics.MeasurementRecorded(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(measurement.TriageOutcome.ToString()));
        LogRecorded(logger, measurement.Id, measurement.Type, measurement.TriageOutcome.ToString());
        return TypedResults.Created($"/api/patients/{patientId}/measurements/{measurement.Id}", MeasurementResponse.From(measurement));
    }

    private Task<Measurement?> FindByClientIdAsync(Guid patientId, string clientId, CancellationToken ct) =>
        db.Measurements.AsNoTracking().SingleOrDefaultAsync(m => m.PatientId == patientId && m.ClientId == clientId, ct);

    private static Results<Created<MeasurementResponse>, Ok<MeasurementResponse>, ValidationProblem, ProblemHttpResult> Resent(
        Measurement stored, Measurement resent) =>
        stored.IsSameReadingAs(resent)
            ? TypedResults.Ok(MeasurementResponse.From(stored))
            : PatientProblems.Conflict("client-id-reused", "The client id is already used for another reading",
                $"Client id '{stored.ClientId}' was already used for a different reading of this patient; use a new client id for a new reading.");

    [LoggerMessage(LogLevel.Information, "Measurement {MeasurementId} ({Type}) stored, triage {TriageOutcome}")]
    private static partial void LogRecorded(ILogger logger, Guid measurementId, MeasurementType type, string triageOutcome);
}
