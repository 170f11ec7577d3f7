using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using DomainPatient = Varde.Domain.Patients.Patient;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// GET /fhir/Patient/{id} and GET /fhir/Patient?identifier=system|value (fødselsnummer or D-nummer): the patients
/// the caller may see, with identifier, name, birth date, phone numbers (telecom, ranked: call the first first) and
/// the next of kin (contact). Every read and every patient a search returns is
/// access-logged; a patient the caller may not see is 404 on read and absent (not counted) in a search.
/// </summary>
public sealed class PatientResources(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Patient/{id}", (string id, ClaimsPrincipal user, PatientResources slice, CancellationToken ct) => slice.ReadAsync(id, user, ct))
            .WithName("ReadFhirPatient")
            .RequireScope("Patient", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Patient", (HttpRequest request, ClaimsPrincipal user, PatientResources slice, CancellationToken ct) => slice.SearchAsync(request, user, ct))
            .WithName("SearchFhirPatients")
            .RequireScope("Patient", 's')
            .RequireAuthorization(Policies.FhirRead);
    }

    public async Task<FhirResult> ReadAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var patientId) || await gate.OpenAsync(user, patientId, "fhir.patient.read", ct) is not { } patient)
            return FhirOutcome.NotFound($"Patient/{id}");
        return new FhirResult(ToFhir(patient));
    }

    public async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Query.Keys.FirstOrDefault(k => k != "identifier" && !FhirPage.Parameters.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"Search parameter '{unknown}' is not supported on Patient; supported: identifier, {string.Join(", ", FhirPage.Parameters)}.");
        var (paging, problem) = FhirPage.Read(request.Query, 50);
        if (paging is null)
            return problem!;
        var token = request.Query["identifier"].FirstOrDefault();
        if (string.IsNullOrWhiteSpace(token))
            return FhirOutcome.Invalid("Patient search needs identifier=system|value (fødselsnummer or D-nummer).");
        var bar = token.IndexOf('|', StringComparison.Ordinal);
        var (system, value) = bar >= 0 ? (token[..bar], token[(bar + 1)..]) : (null, token);
        if (system is not (null or "" or FhirSubjects.FnrSystem or FhirSubjects.DnrSystem))
            return FhirOutcome.Invalid($"Identifier system '{system}' is not one Varde keeps; use {FhirSubjects.FnrSystem} or {FhirSubjects.DnrSystem}.");

        var caller = Callers.From(user);
        var candidates = await db.Patients.AsNoTracking().Where(p => p.IdentityNumber == value).ToListAsync(ct);
        var visible = candidates.Where(p => PatientAccessRule.Allows(caller, p.CareRelations)
            && (string.IsNullOrEmpty(system) || FhirSubjects.SystemFor(p.IdentityKind) == system)).ToList();
        if (visible.Count > 0)
            await gate.LogAsync(caller, visible.Select(p => p.Id), "fhir.patient.search", AccessOutcome.Allowed, ct);

        var bundle = paging.NewBundle(request, "Patient", visible.Count, clock.GetUtcNow());
        foreach (var p in paging.Of(visible))
            FhirPage.Add(bundle, FhirPaths.Resource(request, "Patient", p.Id), ToFhir(p));
        return new FhirResult(bundle);
    }

    public const string NextOfKinSystem = "http://terminology.hl7.org/CodeSystem/v2-0131";

    public static FhirPatient ToFhir(DomainPatient p)
    {
        var names = p.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var patient = new FhirPatient
        {
            Id = p.Id.ToString(),
            // No version id: Varde keeps no Patient versions. Last updated: enrolment, or the latest change of contact details.
            Meta = new Meta { LastUpdated = p.ContactChangedAt ?? p.EnrolledAt },
            Active = true,
            BirthDateElement = new Date(p.BirthDate.Year, p.BirthDate.Month, p.BirthDate.Day),
        };
        patient.Identifier.Add(new Identifier(FhirSubjects.SystemFor(p.IdentityKind), p.IdentityNumber));
        patient.Name.Add(new HumanName { Text = p.Name, Family = names.Length > 1 ? names[^1] : p.Name, Given = names.Length > 1 ? names[..^1] : [] });
        var contact = p.Contact;
        if (contact.Phone is { } phone)
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone) { Rank = 1 });
        if (contact.OtherPhone is { } other)
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, other) { Rank = 2 });
        if (contact.NextOfKin is { } kin)
            patient.Contact.Add(new FhirPatient.ContactComponent
            {
                // v2-0131 "N": next of kin; the text is what they are to the patient, in the patient's words ("datter").
                Relationship = [new CodeableConcept(NextOfKinSystem, "N", "Next-of-Kin", kin.Relation)],
                Name = new HumanName { Text = kin.Name },
                Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, kin.Phone)],
            });
        return patient;
    }
}
