using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Conditional create (<c>If-None-Exist</c>) as Varde supports it: exactly one criterion, <c>identifier=system|value</c>,
/// naming the resource's own identifier, which is Varde's idempotency key. Yields that key, or the 400 that says why not.
/// </summary>
public static class FhirConditional
{
    public static (string? ClientId, FhirResult? Problem) IdentifierCriterion(string criterion, IReadOnlyList<Identifier> identifiers)
    {
        var query = QueryHelpers.ParseQuery(criterion.StartsWith('?') ? criterion : "?" + criterion);
        if (query.Count == 0 || query.Any(q => string.IsNullOrWhiteSpace(q.Value)))
            return (null, FhirOutcome.Invalid("If-None-Exist needs a search criterion, e.g. identifier=urn:oid:1.2.3|reading-42."));
        if (query.Count != 1 || !query.TryGetValue("identifier", out var token))
            return (null, FhirOutcome.Invalid("If-None-Exist supports one parameter: identifier=system|value."));
        var text = token.ToString();
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        var (system, value) = bar >= 0 ? (text[..bar], text[(bar + 1)..]) : (null, text);
        var own = identifiers.FirstOrDefault(i => i.Value == value && (string.IsNullOrEmpty(system) || i.System == system));
        return own is null
            ? (null, FhirOutcome.Invalid("If-None-Exist must name the resource's own identifier (Varde keys resends by it)."))
            : (ObservationMapping.ClientId(own), null);
    }

    /// <summary>How many of the matching resources (given by their patients' ids) the caller may see: more than one is a 412.</summary>
    public static async Task<int> CountVisibleAsync(VardeDbContext db, Caller caller, IQueryable<Guid> patientIds, CancellationToken ct)
    {
        var patients = await patientIds.Join(db.Patients.AsNoTracking(), id => id, p => p.Id,
            (_, p) => new PatientCareRelations(p.Id, p.FollowUpServiceId, p.GpStaffId, p.SharedWithDepartmentIds, p.MunicipalityId)).ToListAsync(ct);
        return patients.Count(p => PatientAccessRule.Allows(caller, p));
    }
}
