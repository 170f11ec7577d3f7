using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Relatives;

/// <summary>
/// The patient's relatives with what each may do now and the history of their consent: GET /pasient/api/relatives for
/// the patient, GET /api/patients/{id}/relatives for those who follow her. Reading it is logged.
/// </summary>
public sealed class ListRelatives(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    /// <summary>The relatives, or null when the caller may not see the patient (logged by the gate).</summary>
    public async Task<IReadOnlyList<RelativeResponse>?> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "relatives.read", ct) is null)
            return null;
        return await LoadAsync(db, patientId, clock.GetUtcNow(), ct);
    }

    /// <summary>Every relative of the patient, the ones with consent first, then by name.</summary>
    public static async Task<IReadOnlyList<RelativeResponse>> LoadAsync(VardeDbContext db, Guid patientId, DateTimeOffset now, CancellationToken ct)
    {
        var relatives = await db.Relatives.AsNoTracking().Where(r => r.PatientId == patientId).ToListAsync(ct);
        var consents = await db.RelativeConsents.AsNoTracking().Where(c => c.PatientId == patientId).ToListAsync(ct);
        var names = await StaffNames.ForAsync(db, consents.Select(c => c.ByActorId), ct);
        return relatives.Select(r => RelativeResponse.From(r, consents, names, now))
            .OrderByDescending(r => r.HasConsent).ThenBy(r => r.Name, StringComparer.Create(new System.Globalization.CultureInfo("nb-NO"), true)).ToList();
    }

    /// <summary>One relative of the patient as answered after a change.</summary>
    public static async Task<RelativeResponse> LoadOneAsync(VardeDbContext db, Domain.Relatives.Relative relative, DateTimeOffset now, CancellationToken ct)
    {
        var consents = await db.RelativeConsents.AsNoTracking().Where(c => c.RelativeId == relative.Id).ToListAsync(ct);
        var names = await StaffNames.ForAsync(db, consents.Select(c => c.ByActorId), ct);
        return RelativeResponse.From(relative, consents, names, now);
    }
}
