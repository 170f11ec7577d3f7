using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Administration;
using Varde.Domain.Devices;
using Varde.Domain.Pathways;
using Varde.Domain.Patients;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>
/// The pathway's start-up and the register (ADR 0026): each piece of equipment the start-up records whose serial number is
/// in the service's register is lent to the patient there, in the same save as the pathway step, with its audit entry.
/// One lent to another patient, or retired, refuses the step. A serial number the register does not know is recorded on
/// the pathway only, as before.
/// </summary>
public sealed class StartUpEquipment(VardeDbContext db, EquipmentAccess access)
{
    public async Task<IReadOnlyList<ValidationError>> HandOutAsync(Patient patient, IReadOnlyList<Equipment> equipment, ClaimsPrincipal user, string actorId,
        DateTimeOffset at, CancellationToken ct)
    {
        var serials = equipment.Select(e => LentEquipment.NormaliseSerial(e.SerialNumber)).Distinct().ToList();
        var items = await db.LentEquipment.Where(e => e.ServiceId == patient.FollowUpServiceId && serials.Contains(e.SerialNumber)).ToListAsync(ct);
        var errors = new List<ValidationError>();
        foreach (var item in items)
        {
            var before = EquipmentAccess.Snapshot(item);
            var wasLentToThem = item.HolderPatientId == patient.Id;
            var refused = item.HandOut(patient.Id, actorId, at);
            if (refused.Count > 0)
                errors.AddRange(refused.Select(e => new ValidationError("equipmentRegister", e.Message)));
            else if (!wasLentToThem)
                access.Audit(user, item, AdminActions.HandedOut, before);
        }

        return errors;
    }

    /// <summary>The service's equipment in store, for the start-up screen to pick from.</summary>
    public async Task<IReadOnlyList<(EquipmentKind Kind, string SerialNumber, string? Model)>> InStoreAsync(Guid serviceId, CancellationToken ct) =>
        (await db.LentEquipment.AsNoTracking().Where(e => e.ServiceId == serviceId && e.HolderPatientId == null && e.RetiredAt == null)
            .OrderBy(e => e.Kind).ThenBy(e => e.SerialNumber).Select(e => new { e.Kind, e.SerialNumber, e.Model }).ToListAsync(ct))
        .Select(e => (e.Kind, e.SerialNumber, e.Model)).ToList();
}
