using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Domain.Patients;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>
/// POST /api/equipment/{id}/hand-out: a nurse or coordinator lends equipment in store to a patient of her service, named
/// by id or by fødselsnummer/D-nummer (the screen asks for that). The pathway's start-up does the same for each serial
/// number it records that is in the register (<see cref="StartUpEquipment"/>). A patient the caller may not see is an
/// error on the field, as if there were none (the attempt is in the access log).
/// </summary>
public sealed class HandOutEquipment(VardeDbContext db, EquipmentAccess access, PatientAccessGate gate, TimeProvider clock)
{
    public sealed record Request(Guid? PatientId, string? IdentityNumber, int? Version = null);

    public static void Map(RouteGroupBuilder equipment) =>
        equipment.MapPost("/{id:guid}/hand-out", async (Guid id, Request request, ClaimsPrincipal user, HandOutEquipment slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, request, user, ct)).ToHttp())
            .WithName(nameof(HandOutEquipment))
            .RequireAuthorization(Policies.LendEquipment);

    public async Task<EquipmentOutcome> HandleAsync(Guid id, Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var caller = Callers.From(user);
        var item = await access.FindAsync(caller, id, ct);
        if (item is null)
            return new EquipmentOutcome.NotFound();
        if (request.Version is { } seen && seen != item.Version)
            return new EquipmentOutcome.Stale();
        var (patientId, field) = await PatientIdAsync(request, item.ServiceId, ct);
        if (patientId is null)
            return new EquipmentOutcome.Refused([new(field, "Name the patient who gets it: a patient of the service, by fødselsnummer or D-nummer.")]);
        // Only a patient found is opened (and so logged); a number that is nobody's in the service is refused as is.
        var patient = await gate.OpenAsync(user, patientId.Value, "equipment.hand-out", ct);
        if (patient is null || patient.FollowUpServiceId != item.ServiceId)
            return new EquipmentOutcome.Refused([new(field, "No patient of the service with that number that you have access to.")]);

        var before = EquipmentAccess.Snapshot(item);
        var wasLentToThem = item.HolderPatientId == patient.Id;
        var errors = item.HandOut(patient.Id, caller.ActorId, clock.GetUtcNow());
        if (errors.Count > 0)
            return new EquipmentOutcome.Refused(errors);
        if (!wasLentToThem)
            access.Audit(user, item, AdminActions.HandedOut, before);
        return await access.SaveAsync(user, item, ct);
    }

    // The patient by id, or by an identity number looked up in the equipment's service.
    private async Task<(Guid? PatientId, string Field)> PatientIdAsync(Request request, Guid serviceId, CancellationToken ct)
    {
        if (request.PatientId is { } id)
            return (id, "patientId");
        if (NorwegianIdentityNumber.TryParse(request.IdentityNumber, out var parsed) is not null)
            return (null, "identityNumber");
        var number = parsed!.Value;
        var found = await db.Patients.AsNoTracking().Where(p => p.IdentityNumber == number && p.FollowUpServiceId == serviceId)
            .Select(p => (Guid?)p.Id).SingleOrDefaultAsync(ct);
        return (found, "identityNumber");
    }
}
