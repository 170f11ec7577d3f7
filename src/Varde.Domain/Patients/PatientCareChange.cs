namespace Varde.Domain.Patients;

/// <summary>What changed in who takes part in a patient's care.</summary>
public enum PatientCareChangeKind
{
    /// <summary>Listed with another GP (<see cref="PatientCareChange.From"/> → <see cref="PatientCareChange.To"/>, either may be none).</summary>
    GpChanged,

    /// <summary>Shared with a hospital department (<see cref="PatientCareChange.To"/>).</summary>
    SharedWith,

    /// <summary>No longer shared with a hospital department (<see cref="PatientCareChange.From"/>).</summary>
    SharingStopped,

    /// <summary>Followed by another follow-up service after a transfer (<see cref="PatientCareChange.From"/> → <see cref="PatientCareChange.To"/>).</summary>
    ServiceChanged,

    /// <summary>Living in another municipality, as the service that took the patient over gave it.</summary>
    MunicipalityChanged,
}

/// <summary>
/// One change of a patient's GP or of the departments the patient is shared with: who made it and when. Append-only:
/// the history of who could see the patient, and why.
/// </summary>
public sealed record PatientCareChange(Guid Id, Guid PatientId, DateTimeOffset At, string ByActorId, PatientCareChangeKind Kind, Guid? From, Guid? To);
