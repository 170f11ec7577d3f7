using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Messages;
using Varde.Domain.Patients;
using Varde.Domain.Relatives;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Relatives;

namespace Varde.Server.Features.Messages;

/// <summary>
/// The way into one patient's messages: decides the caller's <see cref="MessageSide"/> (a relative's consent is read
/// from the database on every request, so a withdrawn consent stops them at once) and writes the access-log entry.
/// A caller with no side gets the same answer as for a patient that does not exist.
/// </summary>
public sealed class MessageDoor(VardeDbContext db, PatientAccessGate gate)
{
    /// <summary>The patient, the caller's side, and for a relative how their messages are marked ("datter Kari").</summary>
    public sealed record Opened(Patient Patient, MessageSide Side, string? OnBehalfLabel);

    /// <summary>
    /// Opens the patient's messages for the caller, or null. <paramref name="withTheChange"/>: the allowed entry is staged,
    /// to be saved with what the caller then writes (and not without it); a denied one is always saved at once.
    /// </summary>
    public async Task<Opened?> OpenAsync(Caller caller, Guid patientId, string action, CancellationToken ct, bool withTheChange = false)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        var permissions = RelativePermissions.None;
        string? label = null;
        if (patient is not null && caller.Role == Role.Relative && Guid.TryParse(caller.ActorId, out var relativeId))
        {
            permissions = await RelativeConsents.CurrentAsync(db, relativeId, ct);
            label = await db.Relatives.AsNoTracking().Where(r => r.Id == relativeId && r.PatientId == patientId)
                .Select(r => r.Relation + " " + r.Name).SingleOrDefaultAsync(ct);
            if (label is null)
                permissions = RelativePermissions.None;
        }

        var side = patient is null ? MessageSide.None : MessageAccess.SideOf(caller, patient.CareRelations, permissions);
        if (side == MessageSide.None)
        {
            await gate.LogAsync(caller, [patientId], action, AccessOutcome.Denied, ct);
            return null;
        }

        if (withTheChange)
            gate.Stage(caller, [patientId], action, AccessOutcome.Allowed);
        else
            await gate.LogAsync(caller, [patientId], action, AccessOutcome.Allowed, ct);
        return new Opened(patient!, side, label);
    }
}
