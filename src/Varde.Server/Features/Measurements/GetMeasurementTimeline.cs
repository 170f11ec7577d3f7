using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Measurements;

/// <summary>
/// GET /api/patients/{id}/measurements?type=&amp;from=&amp;to=&amp;limit=: a patient's measurements with their triage
/// results, newest effective time first. Served by the (patient, type, effective time) index.
/// </summary>
public sealed class GetMeasurementTimeline(VardeDbContext db, PatientAccessGate gate)
{
    public const int DefaultLimit = 500;
    public const int MaxLimit = 5000;

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/measurements", (Guid patientId, string? type, DateTimeOffset? from, DateTimeOffset? to, int? limit,
                ClaimsPrincipal user, GetMeasurementTimeline slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, type, from, to, limit, user, ct))
            .WithName(nameof(GetMeasurementTimeline))
            .RequireScope("Observation", 's')
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Results<Ok<List<MeasurementResponse>>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid patientId, string? type,
        DateTimeOffset? from, DateTimeOffset? to, int? limit, ClaimsPrincipal user, CancellationToken ct)
    {
        var parsedType = MeasurementTypes.Parse(type);
        var errors = new Dictionary<string, string[]>();
        if (type is not null && parsedType is null)
            errors["type"] = [$"Unknown measurement type '{type}'; known types: {MeasurementTypes.Known}."];
        if (limit is < 1 or > MaxLimit)
            errors["limit"] = [$"The limit must be between 1 and {MaxLimit}."];
        if (from > to)
            errors["from"] = ["'from' must not be after 'to'."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);

        if (await gate.OpenAsync(user, patientId, "measurement.timeline.read", ct) is null)
            return PatientProblems.NotFound(patientId);

        var query = db.Measurements.AsNoTracking().Where(m => m.PatientId == patientId);
        if (parsedType is { } t)
            query = query.Where(m => m.Type == t);
        if (from is { } f)
            query = query.Where(m => m.EffectiveAt >= f.ToUniversalTime());
        if (to is { } u)
            query = query.Where(m => m.EffectiveAt <= u.ToUniversalTime());
        var rows = await query.OrderByDescending(m => m.EffectiveAt).ThenByDescending(m => m.Id).Take(limit ?? DefaultLimit).ToListAsync(ct);
        var ids = rows.Select(m => m.Id).ToList();
        var records = await db.TriageRecords.AsNoTracking().Where(r => ids.Contains(r.ReportId)).ToDictionaryAsync(r => r.ReportId, ct);
        return TypedResults.Ok(rows.Select(m => MeasurementResponse.From(m, records.GetValueOrDefault(m.Id))).ToList());
    }
}
