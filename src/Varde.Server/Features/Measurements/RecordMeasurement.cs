using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Server.Auth;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Measurements;

/// <summary>
/// POST /api/patients/{id}/measurements: stores a reading once, triages it against the patient's plan and earlier
/// readings, routes it into alerts (see <see cref="ReportIntake"/>) and answers with the result, the alert and, for
/// yellow and red, what the patient should do now.
/// Idempotent by <c>clientId</c>: a resent reading returns the stored one (200) instead of a second copy, also when
/// resends race (a unique index on patient + client id decides); reusing a client id for a different reading is 409.
/// Nothing is stored when the reading is invalid. The reading takes the one intake path (<see cref="ReportIntake"/>).
/// </summary>
public sealed class RecordMeasurement(ReportIntake intake, ServiceHours hours, TimeProvider clock)
{
    public sealed record Request(string? ClientId, string? Type, decimal? Value, decimal? Systolic, decimal? Diastolic, string? Unit,
        DateTimeOffset? EffectiveAt, Guid? DeviceId = null, bool? PatientConfirmed = null, string? Note = null);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/measurements", (Guid patientId, Request request, ClaimsPrincipal user, RecordMeasurement slice,
                CancellationToken ct) => slice.HandleAsync(patientId, request, user, ct))
            .WithName(nameof(RecordMeasurement))
            .RequireScope("Observation", 'c')
            .RequireAuthorization(Policies.RecordMeasurements);

    public async Task<Results<Created<MeasurementResponse>, Ok<MeasurementResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        Guid patientId, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var outcome = (await intake.TakeInAsync([new IncomingMeasurement(patientId, request)], Callers.From(user), IntakeMode.EachOnItsOwn, ct))[0];
        switch (outcome)
        {
            case IntakeOutcome.Stored stored:
                var instruction = await hours.InstructionAsync(stored.Record.Result, stored.Record.Subject, stored.Plan, stored.ServiceId, clock.GetUtcNow(), ct);
                return TypedResults.Created($"/api/patients/{patientId}/measurements/{stored.Report.Id}",
                    MeasurementResponse.From(stored.Report.Measurement!, stored.Record, instruction));
            case IntakeOutcome.Resent resent:
                // A resend gets the stored reading, its current result and, for yellow and red, what the patient should do now.
                return TypedResults.Ok(MeasurementResponse.From(resent.Report.Measurement!, resent.Record,
                    await hours.InstructionAsync(resent.Record, resent.ServiceId, clock.GetUtcNow(), ct)));
            default:
                return Refusals.ToProblem<MeasurementResponse>(outcome, patientId, "The client id is already used for another reading");
        }
    }
}
