namespace Varde.Domain.Patients;

/// <summary>The condition groups DHO follows; a patient may have several.</summary>
[Flags]
public enum DiagnosisGroup
{
    None = 0,
    Copd = 1,
    HeartFailure = 2,
    Diabetes = 4,
    Cancer = 8,
    Other = 16,
}
