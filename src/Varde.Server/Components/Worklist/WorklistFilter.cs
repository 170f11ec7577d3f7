using Varde.Domain.Patients;
using Varde.Server.Features.Alerts;

namespace Varde.Server.Components.Worklist;

/// <summary>
/// The nurse's choice of what to see: one municipality, one kind of work, one diagnosis group, and "mine" (the
/// alerts she has acknowledged). Unset parts let everything through.
/// </summary>
public sealed record WorklistFilter(Guid? MunicipalityId = null, WorkKind? Kind = null, DiagnosisGroup? Diagnosis = null, bool MineOnly = false)
{
    public bool Lets(GetWorklist.Item item, string myActorId) =>
        (MunicipalityId is not { } m || item.Patient.MunicipalityId == m)
        && (Kind is not { } k || WorkKinds.Of(item) == k)
        && (Diagnosis is not { } d || item.Patient.Diagnoses.HasFlag(d))
        && (!MineOnly || item.AcknowledgedById == myActorId);
}
