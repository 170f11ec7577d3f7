namespace Varde.Domain.Measurements;

/// <summary>
/// A reading as a client sends it. Blood pressure comes as <see cref="Systolic"/> and <see cref="Diastolic"/>;
/// every other type as <see cref="Value"/>. <see cref="ClientId"/> is chosen by the client and makes resending safe.
/// <see cref="DeviceId"/> optionally names the registered device the reading came from. <see cref="PatientConfirmed"/>:
/// the patient answered "Ja, det er riktig" when the app asked whether an unusual value is right. <see cref="Note"/>: what
/// the sender said about the measurement (a device's own status: "cuff too loose", "irregular pulse"), kept as sent.
/// </summary>
public sealed record MeasurementInput(
    string? ClientId,
    MeasurementType? Type,
    decimal? Value,
    decimal? Systolic,
    decimal? Diastolic,
    string? Unit,
    DateTimeOffset? EffectiveAt,
    Guid? DeviceId = null,
    bool PatientConfirmed = false,
    string? Note = null);
