using Varde.Devices;
using Varde.Domain.Measurements;

namespace Varde.Server.Components.PatientApp;

/// <summary>
/// Which standard Bluetooth service and measurement characteristic the patient app reads for a measurement type (the
/// measure page offers "Koble til måler" for these; docs/devices.md). Pulse is measured with a blood pressure or
/// oxygen saturation, never alone from a device.
/// </summary>
public static class DeviceProfiles
{
    public sealed record Profile(ushort Service, ushort Characteristic);

    public static Profile? For(MeasurementType type) => type switch
    {
        MeasurementType.BloodPressure => new(HealthCharacteristics.BloodPressureService, BloodPressureMeasurement.Uuid),
        MeasurementType.BodyWeight => new(HealthCharacteristics.WeightScaleService, WeightMeasurement.Uuid),
        MeasurementType.OxygenSaturation => new(HealthCharacteristics.PulseOximeterService, PulseOximeterMeasurement.SpotCheckUuid),
        MeasurementType.BodyTemperature => new(HealthCharacteristics.HealthThermometerService, TemperatureMeasurement.Uuid),
        MeasurementType.BloodGlucose => new(HealthCharacteristics.GlucoseService, GlucoseMeasurement.Uuid),
        _ => null,
    };
}
