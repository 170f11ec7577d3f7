using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Administration;
using Varde.Domain.Devices;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>
/// Who reaches which equipment, and the register's answers (ADR 0026): an administrator every service's equipment without
/// the patients; a nurse or coordinator her own service's, with who has what (each patient shown is in the access log).
/// Every change is staged with its audit entry (never the patient) and saved in one transaction.
/// </summary>
public sealed class EquipmentAccess(VardeDbContext db, PatientAccessGate gate, AdminAudit audit, TimeProvider clock)
{
    /// <summary>The equipment the caller may reach: all for administrators, her own service's for nurses and coordinators.</summary>
    public IQueryable<LentEquipment> Visible(Caller caller) => caller.Role == Role.Administrator
        ? db.LentEquipment
        : db.LentEquipment.Where(e => e.ServiceId == caller.OrganisationId);

    public Task<LentEquipment?> FindAsync(Caller caller, Guid id, CancellationToken ct) => Visible(caller).SingleOrDefaultAsync(e => e.Id == id, ct);

    /// <summary>The answers for these items; holders named (and their viewing logged) only for staff who may see them.</summary>
    public async Task<List<EquipmentResponse>> ResponsesAsync(Caller caller, IReadOnlyList<LentEquipment> items, string action, CancellationToken ct) =>
        await ResponsesAsync(items, await HoldersAsync(caller, items.Select(e => e.HolderPatientId).OfType<Guid>(), action, ct), ct);

    /// <summary>The answers for these items, naming the holders found in <paramref name="holders"/>.</summary>
    public async Task<List<EquipmentResponse>> ResponsesAsync(IReadOnlyList<LentEquipment> items, Dictionary<Guid, EquipmentResponse.Patient> holders,
        CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var serviceIds = items.Select(e => e.ServiceId).Distinct().ToList();
        var services = await db.Organisations.AsNoTracking().Where(o => serviceIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return [.. items.Select(e => EquipmentResponse.From(e, services.GetValueOrDefault(e.ServiceId, ""),
            e.HolderPatientId is { } p && holders.TryGetValue(p, out var holder) ? holder : null, today))];
    }

    /// <summary>The names of the patients the caller may see among <paramref name="patientIds"/>, logged as seen; none for administrators.</summary>
    public async Task<Dictionary<Guid, EquipmentResponse.Patient>> HoldersAsync(Caller caller, IEnumerable<Guid> patientIds, string action, CancellationToken ct)
    {
        var ids = patientIds.Distinct().ToList();
        if (ids.Count == 0 || caller.Role is not (Role.Nurse or Role.Coordinator))
            return [];
        var patients = (await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct))
            .Where(p => PatientAccessRule.Allows(caller, p.CareRelations)).ToList();
        if (patients.Count > 0)
            await gate.LogAsync(caller, patients.Select(p => p.Id), action, AccessOutcome.Allowed, ct);
        return patients.ToDictionary(p => p.Id, p => new EquipmentResponse.Patient(p.Id, p.Name));
    }

    /// <summary>Stages the audit entry of a change: the item before and after, without the patient.</summary>
    public void Audit(ClaimsPrincipal user, LentEquipment e, string action, object? before) =>
        audit.Stage(user, AdminEntityKinds.Equipment, e.Id, action, before, Snapshot(e));

    /// <summary>Saves the change; <see cref="EquipmentOutcome.Stale"/> when someone else changed the item meanwhile.</summary>
    public async Task<EquipmentOutcome> SaveAsync(ClaimsPrincipal user, LentEquipment e, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new EquipmentOutcome.Stale();
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            return new EquipmentOutcome.Refused([SerialTaken(e.SerialNumber)]);
        }

        var caller = Callers.From(user);
        return new EquipmentOutcome.Stored((await ResponsesAsync(caller, [e], "equipment.read", ct))[0]);
    }

    /// <summary>Whether another item of the service has this serial number already.</summary>
    public Task<bool> SerialTakenAsync(Guid serviceId, string serial, Guid? except, CancellationToken ct)
    {
        var normalised = LentEquipment.NormaliseSerial(serial);
        return db.LentEquipment.AnyAsync(e => e.ServiceId == serviceId && e.SerialNumber == normalised && e.Id != except, ct);
    }

    public static ValidationError SerialTaken(string serial) =>
        new("serialNumber", $"The service has equipment with serial number {LentEquipment.NormaliseSerial(serial)} already.");

    /// <summary>What the audit log keeps of an item: never who has it (administrators see no patient data).</summary>
    public static object Snapshot(LentEquipment e) => new { e.ServiceId, e.Kind, e.SerialNumber, e.Model, e.ServiceDueOn, e.Status, e.RetiredAt };
}
