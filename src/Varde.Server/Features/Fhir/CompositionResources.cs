using System.Security.Claims;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Journal notes (issue 20 item 5) as FHIR: the Composition (read, search by patient, newest first) and the whole
/// document Bundle (<c>GET /fhir/Composition/{id}/$document</c>), both as they were made. Readable by whoever may see
/// the patient (the GP, the service, the department it is shared with), access-logged.
/// </summary>
public sealed class CompositionResources(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    private static readonly string[] Known = [.. FhirSubjects.SearchParameters, .. FhirPage.Parameters];

    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Composition/{id}", (string id, ClaimsPrincipal user, CompositionResources slice, CancellationToken ct) => slice.ReadAsync(id, user, document: false, ct))
            .WithName("ReadFhirComposition")
            .RequireScope("Composition", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Composition/{id}/$document", (string id, ClaimsPrincipal user, CompositionResources slice, CancellationToken ct) => slice.ReadAsync(id, user, document: true, ct))
            .WithName("FhirCompositionDocument")
            .RequireScope("Composition", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Composition", (HttpRequest request, ClaimsPrincipal user, CompositionResources slice, CancellationToken ct) => slice.SearchAsync(request, user, ct))
            .WithName("SearchFhirCompositions")
            .RequireScope("Composition", 's')
            .RequireAuthorization(Policies.FhirRead);
    }

    public async Task<FhirResult> ReadAsync(string id, ClaimsPrincipal user, bool document, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var noteId))
            return FhirOutcome.NotFound($"Composition/{id}");
        var note = await db.JournalNotes.AsNoTracking().Where(n => n.Id == noteId).Select(n => new { n.PatientId, n.Document }).SingleOrDefaultAsync(ct);
        if (note is null || await gate.OpenAsync(user, note.PatientId, "fhir.composition.read", ct) is null)
            return FhirOutcome.NotFound($"Composition/{id}");
        var bundle = Parse(note.Document);
        return new FhirResult(document ? bundle : bundle.Entry[0].Resource!);
    }

    public async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"Search parameter '{unknown}' is not supported on Composition; supported: {string.Join(", ", Known)}.");
        if (!FhirSubjects.NamesPatient(query))
            return FhirOutcome.Invalid("A search of journal notes needs patient.");
        var (page, problem) = FhirPage.Read(query, 50);
        if (page is null)
            return problem!;
        var patientId = await FhirSubjects.SearchedPatientAsync(db, query, ct);
        var visible = patientId is { } p && await gate.OpenAsync(user, p, "fhir.composition.search", ct) is not null;
        var notes = visible ? db.JournalNotes.AsNoTracking().Where(n => n.PatientId == patientId) : db.JournalNotes.Where(n => false);
        var total = await notes.CountAsync(ct);
        var bundle = page.NewBundle(request, "Composition", total, clock.GetUtcNow());
        var shown = await notes.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(page.Offset).Take(page.Count).Select(n => n.Document).ToListAsync(ct);
        foreach (var composition in shown.Select(d => Parse(d).Entry[0].Resource!))
            FhirPage.Add(bundle, $"{FhirPaths.Base(request)}/Composition/{composition.Id}", composition);
        return new FhirResult(bundle);
    }

    private static Bundle Parse(string document) => JsonSerializer.Deserialize<Bundle>(document, FhirJson.Output)!;
}
