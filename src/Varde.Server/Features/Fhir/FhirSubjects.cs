using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Patients;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Which patient a FHIR subject names: a literal reference (Patient/{id}, relative or on this server) or a logical
/// one by fødselsnummer or D-nummer (the identifier systems of HL7 Norway, standards.md §2.1). Access is decided
/// afterwards by the handler's access gate; an unknown patient and a forbidden one look the same.
/// </summary>
public sealed class FhirSubjects(VardeDbContext db)
{
    public const string FnrSystem = "urn:oid:2.16.578.1.12.4.1.4.1";
    public const string DnrSystem = "urn:oid:2.16.578.1.12.4.1.4.2";

    public async Task<Guid?> PatientIdAsync(ResourceReference subject, CancellationToken ct)
    {
        if (subject.Reference is { } reference)
            return ParsePatientReference(reference);
        if (subject.Identifier is { System: FnrSystem or DnrSystem, Value: { } value })
            return await db.Patients.AsNoTracking().Where(p => p.IdentityNumber == value).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
        return null;
    }

    /// <summary>The patients several subjects name, identifiers resolved in one query; null where a subject names no patient.</summary>
    public async Task<Guid?[]> PatientIdsAsync(IReadOnlyList<ResourceReference> subjects, CancellationToken ct)
    {
        var numbers = subjects.Where(s => s.Reference is null && s.Identifier is { System: FnrSystem or DnrSystem, Value: not null })
            .Select(s => s.Identifier!.Value!).Distinct().ToList();
        var byNumber = numbers.Count == 0 ? [] : await db.Patients.AsNoTracking().Where(p => numbers.Contains(p.IdentityNumber))
            .Select(p => new { p.IdentityNumber, p.Id }).ToDictionaryAsync(p => p.IdentityNumber, p => p.Id, ct);
        return [.. subjects.Select(s => s.Reference is { } reference ? ParsePatientReference(reference)
            : s.Identifier is { System: FnrSystem or DnrSystem, Value: { } value } && byNumber.TryGetValue(value, out var id) ? id : (Guid?)null)];
    }

    /// <summary>
    /// A subject given as an absolute URL (<c>http://other.example.org/fhir/Patient/{id}</c>): a patient of another
    /// server, never taken for the local patient with that id. Stored data take local references only.
    /// </summary>
    public static bool IsAbsolute(ResourceReference subject) =>
        subject.Reference is { } reference && Uri.TryCreate(reference, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);

    /// <summary>The search parameters that name the patient: a reference, or her fødselsnummer/D-nummer by chain.</summary>
    public static readonly string[] SearchParameters = ["patient", "subject", "patient.identifier", "subject.identifier"];

    /// <summary>Whether the search names a patient at all.</summary>
    public static bool NamesPatient(IQueryCollection query) => SearchParameters.Any(p => query[p].FirstOrDefault() is { Length: > 0 });

    /// <summary>
    /// The patient a search names: <c>patient</c>/<c>subject</c> as a reference, or <c>patient.identifier</c> /
    /// <c>subject.identifier</c> = <c>system|value</c> with the fødselsnummer or D-nummer system (how an EHR knows her).
    /// Null when it names none Varde has; access is the search's gate's to decide.
    /// </summary>
    public static async Task<Guid?> SearchedPatientAsync(VardeDbContext db, IQueryCollection query, CancellationToken ct)
    {
        if ((query["patient"].FirstOrDefault() ?? query["subject"].FirstOrDefault()) is { Length: > 0 } reference)
            return ParsePatientReference(reference);
        var token = query["patient.identifier"].FirstOrDefault() ?? query["subject.identifier"].FirstOrDefault() ?? "";
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || token[..bar] is not (FnrSystem or DnrSystem))
            return null;
        var number = token[(bar + 1)..];
        return await db.Patients.AsNoTracking().Where(p => p.IdentityNumber == number).Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
    }

    /// <summary>"Patient/{guid}", an absolute URL ending so, or a bare id.</summary>
    public static Guid? ParsePatientReference(string reference)
    {
        var parts = reference.TrimEnd('/').Split('/');
        var id = parts[^1];
        if (parts.Length >= 2 && parts[^2] != "Patient")
            return null;
        return Guid.TryParse(id, out var guid) ? guid : null;
    }

    public static string SystemFor(IdentityNumberKind kind) => kind == IdentityNumberKind.DNummer ? DnrSystem : FnrSystem;

    /// <summary>The patient a resource Varde serves is about (an Observation's subject, an alert's patient); null for others.</summary>
    public static Guid? PatientOf(Hl7.Fhir.Model.Resource resource) => resource switch
    {
        Hl7.Fhir.Model.Observation { Subject.Reference: { } reference } => ParsePatientReference(reference),
        Hl7.Fhir.Model.DetectedIssue { Patient.Reference: { } reference } => ParsePatientReference(reference),
        _ => null,
    };
}
