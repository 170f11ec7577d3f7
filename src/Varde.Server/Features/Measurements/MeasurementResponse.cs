using Varde.Domain.Measurements;
using Varde.Domain.Triage;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Measurements;

/// <summary>
/// A stored measurement with its current triage result (which a late earlier reading can change; the result it got
/// on arrival is <see cref="ArrivalOutcome"/>), and after recording, the alert it is in and what the patient should do.
/// <see cref="DeviceTime"/> is the time the sender gave when Varde could not trust it (then <see cref="EffectiveAt"/> is
/// when it was received); <see cref="PatientConfirmed"/> says the patient confirmed an unusual value; <see cref="Note"/> is
/// what the sender said about the measurement.
/// </summary>
public sealed record MeasurementResponse(
    Guid Id,
    Guid PatientId,
    string ClientId,
    MeasurementType Type,
    decimal? Value,
    decimal? Systolic,
    decimal? Diastolic,
    string Unit,
    decimal OriginalValue,
    decimal? OriginalSecondValue,
    string OriginalUnit,
    DateTimeOffset EffectiveAt,
    DateTimeOffset ReceivedAt,
    TriageDto Triage,
    TriageOutcome ArrivalOutcome,
    Guid? AlertId = null,
    PatientInstruction? Instruction = null,
    DateTimeOffset? DeviceTime = null,
    bool PatientConfirmed = false,
    string? Note = null)
{
    public static MeasurementResponse From(Measurement m, TriageRecord? record = null, PatientInstruction? instruction = null)
    {
        var panel = m.Type == MeasurementType.BloodPressure;
        return new(m.Id, m.PatientId, m.ClientId, m.Type,
            panel ? null : m.Value, panel ? m.Value : null, panel ? m.SecondValue : null, m.Unit,
            m.OriginalValue, m.OriginalSecondValue, m.OriginalUnit, m.EffectiveAt, m.ReceivedAt,
            TriageDto.From(record?.Result ?? m.Triage), m.TriageOutcome, record?.AlertId, instruction, m.DeviceTime, m.PatientConfirmed, m.Note);
    }
}
