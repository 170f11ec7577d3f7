namespace Varde.Domain.Measurements;

/// <summary>One number a measurement yields, and the unit of thresholds: blood pressure yields two.</summary>
public enum MeasuredQuantity
{
    SystolicPressure,
    DiastolicPressure,
    Pulse,
    OxygenSaturation,
    BodyWeight,
    BodyTemperature,
    BloodGlucose,
    RespiratoryRate,
    PeakFlow,
}
