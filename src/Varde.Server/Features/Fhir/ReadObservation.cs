using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Fhir;

/// <summary>GET /fhir/Observation/{id}: one stored measurement with its current triage; 404 when it does not exist or the caller may not see the patient (access-logged either way).</summary>
public sealed class ReadObservation(VardeDbContext db, PatientAccessGate gate)
{
    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Observation/{id}", (string id, ClaimsPrincipal user, ReadObservation slice, CancellationToken ct) => slice.HandleAsync(id, user, ct))
            .WithName(nameof(ReadObservation))
            .RequireScope("Observation", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Observation/{id}/_history/{vid}", (string id, string vid, ClaimsPrincipal user, ReadObservation slice, CancellationToken ct) =>
                FhirVersions.ReadAsync(slice.HandleAsync(id, user, ct), "Observation", id, vid))
            .WithName("VreadFhirObservation")
            .RequireScope("Observation", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Observation/{id}/_history", (string id, HttpRequest request, ClaimsPrincipal user, ReadObservation slice, TimeProvider clock, CancellationToken ct) =>
                FhirVersions.HistoryAsync(() => slice.HandleAsync(id, user, ct), request, clock.GetUtcNow()))
            .WithName("HistoryFhirObservation")
            .RequireScope("Observation", 'r')
            .RequireAuthorization(Policies.FhirRead);
    }

    public async Task<FhirResult> HandleAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var measurementId))
            return FhirOutcome.NotFound($"Observation/{id}");
        var measurement = await db.Measurements.AsNoTracking().SingleOrDefaultAsync(m => m.Id == measurementId, ct);
        if (measurement is null || await gate.OpenAsync(user, measurement.PatientId, "fhir.observation.read", ct) is null)
            return FhirOutcome.NotFound($"Observation/{id}");
        var triage = await db.TriageRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ReportId == measurementId, ct);
        return new FhirResult(ObservationMapping.ToFhir(measurement, triage?.Result));
    }
}
