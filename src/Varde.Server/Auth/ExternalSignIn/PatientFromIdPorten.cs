using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Pathways;
using Varde.Domain.Patients;

namespace Varde.Server.Auth.ExternalSignIn;

/// <summary>
/// Finds the patient an ID-porten sign-in is for: the level (<c>acr</c>) must be the required one (high: BankID,
/// MinID with the app), and the identity number (<c>pid</c>) must be a patient who is followed now (no pathway yet, or
/// the newest in its trial or active). Anyone else gets a plain page, not an error.
/// </summary>
public sealed class PatientFromIdPorten(VardeDbContext db)
{
    public const string PidClaim = "pid";
    public const string AcrClaim = "acr";

    public async Task<(Patient? Patient, SignInRefusal? Refusal)> FindAsync(ClaimsPrincipal idPorten, string requiredAcr, CancellationToken ct)
    {
        if (Rank(idPorten.FindFirstValue(AcrClaim)) < Math.Max(Rank(requiredAcr), 1))
            return (null, SignInRefusal.LevelTooLow);
        var pid = idPorten.FindFirstValue(PidClaim)?.Trim();
        if (string.IsNullOrEmpty(pid))
            return (null, SignInRefusal.MissingIdentityNumber);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.IdentityNumber == pid, ct);
        if (patient is null)
            return (null, SignInRefusal.NotEnrolled);
        var newest = await db.Pathways.AsNoTracking().Where(w => w.PatientId == patient.Id)
            .OrderByDescending(w => w.ReferredAt).ThenByDescending(w => w.Id).Select(w => (PathwayState?)w.State).FirstOrDefaultAsync(ct);
        return FollowedPatients.IsFollowed(newest) ? (patient, null) : (null, SignInRefusal.NotEnrolled);
    }

    /// <summary>ID-porten's levels in order: substantial below high; anything else counts as none.</summary>
    private static int Rank(string? acr) => acr switch
    {
        "idporten-loa-substantial" => 1,
        "idporten-loa-high" => 2,
        _ => 0,
    };
}
