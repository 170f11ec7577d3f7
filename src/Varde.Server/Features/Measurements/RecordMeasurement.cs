using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Triage;
using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Measurements;

/// <summary>
/// POST /api/patients/{id}/measurements: stores a reading once, triages it against the patient's plan and earlier
/// readings, routes it into alerts (see <see cref="ReportIntake"/>) and answers with the result, the alert and, for
/// yellow and red, what the patient should do now.
/// Idempotent by <c>clientId</c>: a resent reading returns the stored one (200) instead of a second copy, also when
/// resends race (a unique index on patient + client id decides); reusing a client id for a different reading is 409.
/// Nothing is stored when the reading is invalid.
/// </summary>
public sealed partial class RecordMeasurement(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, VardeMetrics metrics,
    ReportIntake intake, PatientLocks locks, ServiceHours hours, ILogger<RecordMeasurement> logger)
{
    public sealed record Request(string? ClientId, string? Type, decimal? Value, decimal? Systolic, decimal? Diastolic, string? Unit,
        DateTimeOffset? EffectiveAt, Guid? DeviceId = null, bool? PatientConfirmed = null);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/measurements", (Guid patientId, Request request, ClaimsPrincipal user, RecordMeasurement slice,
                CancellationToken ct) => slice.HandleAsync(patientId, request, user, ct))
            .WithName(nameof(RecordMeasurement))
            .RequireAuthorization(Policies.RecordMeasurements);

    public async Task<Results<Created<MeasurementResponse>, Ok<MeasurementResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid patientId, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var patient = await gate.OpenAsync(user, patientId, "measurement.record", ct);
        if (patient is null)
            return PatientProblems.NotFound(patientId);

        var type = MeasurementTypes.Parse(request.Type);
        if (type is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["type"] = [$"Unknown measurement type '{request.Type}'; known types: {MeasurementTypes.Known}."],
            });

        if (request.DeviceId is { } deviceId
            && !await db.MeasuringDevices.AnyAsync(d => d.Id == deviceId && d.OrganisationId == patient.FollowUpServiceId, ct))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["deviceId"] = [$"No device {deviceId} is registered for the patient's follow-up service; register it first (POST /fhir/Device)."],
            });

        using var patientLock = await locks.AcquireAsync(patientId, ct);
        var now = clock.GetUtcNow();
        var input = new MeasurementInput(request.ClientId, type, request.Value, request.Systolic, request.Diastolic, request.Unit, request.EffectiveAt,
            request.DeviceId, request.PatientConfirmed ?? false);
        var id = Guid.CreateVersion7(now);
        var actor = Callers.From(user).ActorId;
        // Shape and validate first, and answer a resend before anything is read for triage.
        var shaped = Measurement.Record(id, patientId, input, actor, now, _ => TriageResult.NotYetJudged);
        if (!shaped.IsValid)
            return TypedResults.ValidationProblem(shaped.ErrorsByField());
        var earlier = await FindByClientIdAsync(patientId, shaped.Value.ClientId, ct);
        if (earlier is not null)
            return await ResentAsync(earlier, shaped.Value, patient.FollowUpServiceId, ct);

        var judgement = await intake.LoadAsync(patient, request.EffectiveAt!.Value, TriageReport.SubjectOf(type.Value), now, ct);
        var measurement = Measurement.Record(id, patientId, input, actor, now, judgement.Judge, judgement.NotBefore).Value;
        db.Measurements.Add(measurement);
        TriageRecord record;
        try
        {
            record = await intake.CommitAsync(judgement, ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return await ResentAsync((await FindByClientIdAsync(patientId, measurement.ClientId, ct))!, measurement, patient.FollowUpServiceId, ct);
        }

        var instruction = await hours.InstructionAsync(record.Result, judgement.PlanAt(measurement.EffectiveAt), patient.FollowUpServiceId, now, ct);
        metrics.MeasurementRecorded(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(record.Outcome.ToString()));
        LogRecorded(logger, measurement.Id, measurement.Type, record.Outcome.ToString());
        return TypedResults.Created($"/api/patients/{patientId}/measurements/{measurement.Id}", MeasurementResponse.From(measurement, record, instruction));
    }

    private Task<Measurement?> FindByClientIdAsync(Guid patientId, string clientId, CancellationToken ct) =>
        db.Measurements.AsNoTracking().SingleOrDefaultAsync(m => m.PatientId == patientId && m.ClientId == clientId, ct);

    /// <summary>A resend gets the stored reading, its current result and, for yellow and red, what the patient should do now.</summary>
    private async Task<Results<Created<MeasurementResponse>, Ok<MeasurementResponse>, ValidationProblem, ProblemHttpResult>> ResentAsync(
        Measurement stored, Measurement resent, Guid serviceId, CancellationToken ct)
    {
        if (!stored.IsSameReadingAs(resent))
            return PatientProblems.Conflict("client-id-reused", "The client id is already used for another reading",
                $"Client id '{stored.ClientId}' was already used for a different reading of this patient; use a new client id for a new reading.");
        var record = await db.TriageRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ReportId == stored.Id, ct);
        return TypedResults.Ok(MeasurementResponse.From(stored, record, await hours.InstructionAsync(record, serviceId, clock.GetUtcNow(), ct)));
    }

    [LoggerMessage(LogLevel.Information, "Measurement {MeasurementId} ({Type}) stored, triage {TriageOutcome}")]
    private static partial void LogRecorded(ILogger logger, Guid measurementId, MeasurementType type, string triageOutcome);
}
