using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// GET /fhir/Observation?patient=…: one patient's measurements as a searchset Bundle, with <c>code</c>
/// (system|code or code, comma = or), <c>date</c> and <c>_lastUpdated</c> (eq/gt/ge/lt/le, repeatable for a range),
/// <c>_count</c> (default 50, at most 500), <c>_sort</c> (date or -date, the default) and paging links
/// (<c>_offset</c>). A patient the caller may not see gives an empty Bundle with total 0, never an error that
/// reveals the patient exists. Unknown parameters are refused (400), so a typo never silently widens a search.
/// </summary>
public sealed class SearchObservations(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const int DefaultCount = 50;
    public const int MaxCount = FhirPage.Max;
    private static readonly string[] Known = [.. FhirSubjects.SearchParameters, "code", "date", "_lastUpdated", "_id", "identifier", "category", "_sort", .. FhirIncludes.Parameters, .. FhirPage.Parameters];

    public static void Map(RouteGroupBuilder fhir) =>
        fhir.MapGet("/Observation", (HttpRequest request, ClaimsPrincipal user, SearchObservations slice, CancellationToken ct) =>
                slice.HandleAsync(request, user, ct))
            .WithName(nameof(SearchObservations))
            .RequireScope("Observation", 's')
            .RequireAuthorization(Policies.FhirRead);

    public async Task<FhirResult> HandleAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"Search parameter '{unknown}' is not supported on Observation; supported: {string.Join(", ", Known)}.");
        if (FhirIncludes.Unknown(query, ["Observation:patient", "Observation:subject", "Observation:device"], ["DetectedIssue:implicated"]) is { } badInclude)
            return badInclude;
        if (!FhirSubjects.NamesPatient(query))
            return FhirOutcome.Invalid("Observation search needs patient (or subject): patient=Patient/{id}.");
        var (paging, pageProblem) = FhirPage.Read(query, DefaultCount);
        if (paging is not { Offset: var offset, Count: var count })
            return pageProblem!;
        var sort = query["_sort"].FirstOrDefault() ?? "-date";
        if (sort is not ("date" or "-date"))
            return FhirOutcome.Invalid("_sort supports date and -date.");

        var patientId = await FhirSubjects.SearchedPatientAsync(db, query, ct);
        var allowed = patientId is { } id && await gate.OpenAsync(user, id, "fhir.observation.search", ct) is not null;
        paging = paging.Fixed(clock.GetUtcNow());
        var asOf = paging.AsOf!.Value;
        var measurements = db.Measurements.AsNoTracking().Where(m => allowed && m.PatientId == patientId && m.ReceivedAt <= asOf);

        if (query["_id"].Count > 0)
        {
            var wanted = query["_id"].SelectMany(v => v!.Split(',')).Select(v => Guid.TryParse(v, out var g) ? g : Guid.Empty).ToList();
            measurements = measurements.Where(m => wanted.Contains(m.Id));
        }

        if (query["identifier"].Count > 0)
        {
            var tokens = query["identifier"].SelectMany(v => v!.Split(',')).ToList();
            if (tokens.FirstOrDefault(t => !t.Contains('|', StringComparison.Ordinal) || t.StartsWith('|')) is { } bare)
                return FhirOutcome.Invalid($"identifier={bare}: give system|value (the identifier the Observation was sent with).");
            var clientIds = tokens.Select(t => ObservationMapping.ClientId(new Identifier(t[..t.IndexOf('|', StringComparison.Ordinal)], t[(t.IndexOf('|', StringComparison.Ordinal) + 1)..]))).ToList();
            measurements = measurements.Where(m => clientIds.Contains(m.ClientId));
        }

        // Every reading Varde keeps is a vital sign (category vital-signs), so another category finds nothing.
        if (query["category"].Count > 0 && !query["category"].SelectMany(v => v!.Split(','))
                .Any(t => t is "vital-signs" || t == $"{ObservationCodes.CategorySystem}|vital-signs"))
            measurements = measurements.Where(m => false);

        if (query["code"].Count > 0)
        {
            var types = query["code"].SelectMany(v => v!.Split(',')).SelectMany(Types).Distinct().ToList();
            measurements = measurements.Where(m => types.Contains(m.Type));
        }

        foreach (var (parameter, at) in new[] { ("date", (System.Linq.Expressions.Expression<Func<Measurement, DateTimeOffset>>)(m => m.EffectiveAt)), ("_lastUpdated", m => m.ReceivedAt) })
        {
            foreach (var value in query[parameter])
            {
                if (FhirDateCriterion.Parse(value!, out var problem) is not { } criterion)
                    return FhirOutcome.Invalid($"{parameter}: {problem}");
                measurements = measurements.Where(criterion.Matches(at));
            }
        }

        var total = await measurements.CountAsync(ct);
        var ordered = sort == "date" ? measurements.OrderBy(m => m.EffectiveAt).ThenBy(m => m.Id) : measurements.OrderByDescending(m => m.EffectiveAt).ThenByDescending(m => m.Id);
        var page = await ordered.Skip(offset).Take(count).ToListAsync(ct);
        var ids = page.Select(m => m.Id).ToList();
        var triage = await db.TriageRecords.AsNoTracking().Where(r => ids.Contains(r.ReportId)).ToDictionaryAsync(r => r.ReportId, ct);

        var bundle = paging.NewBundle(request, "Observation", total, clock.GetUtcNow());
        foreach (var m in page)
            FhirPage.Add(bundle, FhirPaths.Resource(request, "Observation", m.Id), ObservationMapping.ToFhir(m, triage.TryGetValue(m.Id, out var r) ? r.Result : null));
        if (page.Count > 0 && FhirIncludes.Asks(query, "_include", "Observation:patient", "Observation:subject"))
            await FhirIncludes.PatientAsync(db, request, bundle, patientId!.Value, ct);
        if (FhirIncludes.Asks(query, "_include", "Observation:device") && FhirScopes.Allow(user, "Device", 'r') && page.Select(m => m.DeviceId).OfType<Guid>().Distinct().ToList() is { Count: > 0 } devices)
            await FhirIncludes.DevicesAsync(db, request, bundle, devices, Callers.From(user).OrganisationId, ct);
        if (page.Count > 0 && FhirIncludes.Asks(query, "_revinclude", "DetectedIssue:implicated"))
            await FhirIncludes.AlertsAboutAsync(db, request, bundle, ids, ct);

        return new FhirResult(bundle);
    }

    private static IEnumerable<MeasurementType> Types(string token)
    {
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        return bar >= 0 ? ObservationCodes.TypesFor(bar == 0 ? null : token[..bar], token[(bar + 1)..]) : ObservationCodes.TypesFor(null, token);
    }

}
