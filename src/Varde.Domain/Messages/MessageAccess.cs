using Varde.Domain.Access;
using Varde.Domain.Relatives;

namespace Varde.Domain.Messages;

/// <summary>What a caller may do with a patient's messages.</summary>
public enum MessageSide
{
    /// <summary>Nothing: not a caller who may see the patient (answered as if the patient did not exist).</summary>
    None,

    /// <summary>Read the thread as part of the record (the GP, a specialist the patient is shared with).</summary>
    Reader,

    /// <summary>The patient, or a relative whose consent includes the service's messages: reads and writes to the service.</summary>
    Patient,

    /// <summary>A nurse or coordinator of the patient's follow-up service: reads, writes to the patient, handles.</summary>
    Service,
}

/// <summary>
/// Who may take part in a patient's messages. The thread is between the patient and the follow-up service; the GP and
/// a department the patient is shared with may read it; a relative takes part only while the patient's consent
/// includes <see cref="RelativePermissions.ReceiveMessages"/> (the permissions of the consent in force, read for every
/// request).
/// </summary>
public static class MessageAccess
{
    public static MessageSide SideOf(Caller caller, PatientCareRelations patient, RelativePermissions relativePermissions = RelativePermissions.None)
    {
        if (!PatientAccessRule.Allows(caller, patient))
            return MessageSide.None;
        return caller.Role switch
        {
            Role.Nurse or Role.Coordinator => MessageSide.Service,
            Role.Patient => MessageSide.Patient,
            Role.Relative => relativePermissions.HasFlag(RelativePermissions.ReceiveMessages) ? MessageSide.Patient : MessageSide.None,
            Role.Gp or Role.Specialist or Role.BackendSystem => MessageSide.Reader,
            _ => MessageSide.None,
        };
    }

    /// <summary>The direction a message written from this side goes.</summary>
    public static MessageDirection DirectionFrom(MessageSide side) => side switch
    {
        MessageSide.Patient => MessageDirection.FromPatient,
        MessageSide.Service => MessageDirection.FromService,
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, "Only the patient's side and the service write messages."),
    };
}
