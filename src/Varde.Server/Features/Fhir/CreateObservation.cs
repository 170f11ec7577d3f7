using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Measurements;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// POST /fhir/Observation, also conditional (<c>If-None-Exist: identifier=system|value</c>): maps the Observation to
/// the JSON API's request and calls the same <see cref="RecordMeasurement"/> handler, so storage, triage, alerts and
/// idempotency are one code path. 201 with the stored Observation (and its triage as interpretation); 200 with the
/// existing one when the identifier was already stored (a resend); 412 when the criterion matches several.
/// </summary>
public sealed class CreateObservation(VardeDbContext db, RecordMeasurement record, FhirSubjects subjects)
{
    public static void Map(RouteGroupBuilder fhir) =>
        fhir.MapPost("/Observation", (HttpRequest request, ClaimsPrincipal user, CreateObservation slice, CancellationToken ct) =>
                slice.HandleAsync(request, user, ct))
            .WithName(nameof(CreateObservation))
            .RequireScope("Observation", 'c')
            .RequireAuthorization(Policies.FhirWrite);

    public async Task<FhirResult> HandleAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var parsed = await FhirJson.ReadAsync<Observation>(request, ct);
        if (parsed.Problem is not null)
            return parsed.Problem;
        return await CreateAsync(parsed.Resource!, request.Headers.TryGetValue("If-None-Exist", out var criterion) ? criterion.ToString() : null, request, user, ct);
    }

    /// <summary>Creates one Observation (also from a Bundle entry, with the entry's ifNoneExist).</summary>
    public async Task<FhirResult> CreateAsync(Observation observation, string? ifNoneExist, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (ifNoneExist is not null)
        {
            var conditional = await ConditionalAsync(ifNoneExist, observation, user, ct);
            if (conditional is not null)
                return conditional;
        }

        var incoming = ObservationMapping.FromFhir(observation);
        if (incoming.Problem is not null)
            return FhirOutcome.Unprocessable(incoming.Problem);
        if (await subjects.PatientIdAsync(incoming.Subject!, ct) is not { } patientId)
            return FhirOutcome.NotFound("The subject patient");

        var result = await record.HandleAsync(patientId, incoming.Request!, user, ct);
        return result.Result switch
        {
            Created<MeasurementResponse> created => await StoredAsync(request, created.Value!.Id, StatusCodes.Status201Created, ct),
            Ok<MeasurementResponse> existing => await StoredAsync(request, existing.Value!.Id, StatusCodes.Status200OK, ct),
            var refusal => FhirOutcome.FromRefusal(refusal),
        };
    }

    // If-None-Exist names the Observation's own identifier (Varde's idempotency key): several matches the caller may see are 412.
    private async Task<FhirResult?> ConditionalAsync(string criterion, Observation observation, ClaimsPrincipal user, CancellationToken ct)
    {
        var (clientId, problem) = FhirConditional.IdentifierCriterion(criterion, observation.Identifier);
        if (problem is not null)
            return problem;
        var visible = await FhirConditional.CountVisibleAsync(db, Callers.From(user),
            db.Measurements.AsNoTracking().Where(m => m.ClientId == clientId).Select(m => m.PatientId), ct);
        return visible > 1
            ? FhirOutcome.Error(StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.MultipleMatches,
                $"If-None-Exist matches {visible} Observations; make the identifier unique.")
            : null;
    }

    private async Task<FhirResult> StoredAsync(HttpRequest request, Guid id, int status, CancellationToken ct)
    {
        var measurement = await db.Measurements.AsNoTracking().SingleAsync(m => m.Id == id, ct);
        var triage = await db.TriageRecords.AsNoTracking().Where(r => r.ReportId == id).Select(r => r).SingleOrDefaultAsync(ct);
        return new FhirResult(ObservationMapping.ToFhir(measurement, triage?.Result), status, FhirPaths.Resource(request, "Observation", id));
    }
}
