using Varde.Domain.Devices;

namespace Varde.Server.Features.EquipmentRegister;

/// <summary>
/// A piece of lent equipment as the register shows it. <see cref="Holder"/> (the patient who has it) is there only for
/// the service's nurses and coordinators, who may see that patient; an administrator sees that it is lent and since when.
/// </summary>
public sealed record EquipmentResponse(Guid Id, Guid ServiceId, string ServiceName, EquipmentKind Kind, string SerialNumber, string? Model,
    DateOnly? ServiceDueOn, bool ServiceDue, EquipmentStatus Status, DateTimeOffset? LentSince, EquipmentResponse.Patient? Holder,
    DateTimeOffset? RetiredAt, int Version)
{
    public sealed record Patient(Guid Id, string Name);

    public static EquipmentResponse From(LentEquipment e, string serviceName, Patient? holder, DateOnly today) =>
        new(e.Id, e.ServiceId, serviceName, e.Kind, e.SerialNumber, e.Model, e.ServiceDueOn, e.IsServiceDue(today), e.Status, e.CurrentLoan?.HandedOutAt,
            holder, e.RetiredAt, e.Version);
}
