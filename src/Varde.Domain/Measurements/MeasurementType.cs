namespace Varde.Domain.Measurements;

/// <summary>What a patient measured. Blood pressure has two components; the others are single values.</summary>
public enum MeasurementType
{
    BloodPressure,
    Pulse,
    OxygenSaturation,
    BodyWeight,
    BodyTemperature,
    BloodGlucose,
    RespiratoryRate,
    PeakFlow,
}
