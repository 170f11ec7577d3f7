namespace Varde.Devices;

/// <summary>
/// The standard health-device characteristics Varde reads, by their 16-bit UUID, and the services they belong to. One
/// entry point for every caller (gateway, patient app), so a new standard device needs one parser and one line here.
/// </summary>
public static class HealthCharacteristics
{
    public const ushort BloodPressureService = 0x1810;
    public const ushort WeightScaleService = 0x181D;
    public const ushort PulseOximeterService = 0x1822;
    public const ushort GlucoseService = 0x1808;
    public const ushort HealthThermometerService = 0x1809;

    /// <summary>The measurement characteristics Varde subscribes to, by service.</summary>
    public static IReadOnlyDictionary<ushort, ushort[]> MeasurementsByService { get; } = new Dictionary<ushort, ushort[]>
    {
        [BloodPressureService] = [BloodPressureMeasurement.Uuid],
        [WeightScaleService] = [WeightMeasurement.Uuid],
        [PulseOximeterService] = [PulseOximeterMeasurement.SpotCheckUuid, PulseOximeterMeasurement.ContinuousUuid],
        [GlucoseService] = [GlucoseMeasurement.Uuid],
        [HealthThermometerService] = [TemperatureMeasurement.Uuid],
    };

    public static bool IsKnown(ushort characteristic) => characteristic is BloodPressureMeasurement.Uuid or BloodPressureMeasurement.IntermediateCuffPressureUuid
        or WeightMeasurement.Uuid or PulseOximeterMeasurement.SpotCheckUuid or PulseOximeterMeasurement.ContinuousUuid or GlucoseMeasurement.Uuid
        or TemperatureMeasurement.Uuid or TemperatureMeasurement.IntermediateUuid;

    /// <summary>Reads a measurement characteristic's value; an unknown characteristic is refused, never guessed.</summary>
    public static GattParse<DeviceReport> Read(ushort characteristic, ReadOnlySpan<byte> value) => characteristic switch
    {
        BloodPressureMeasurement.Uuid or BloodPressureMeasurement.IntermediateCuffPressureUuid => BloodPressureMeasurement.Parse(value, characteristic),
        WeightMeasurement.Uuid => WeightMeasurement.Parse(value),
        PulseOximeterMeasurement.SpotCheckUuid => PulseOximeterMeasurement.ParseSpotCheck(value),
        PulseOximeterMeasurement.ContinuousUuid => PulseOximeterMeasurement.ParseContinuous(value),
        GlucoseMeasurement.Uuid => GlucoseMeasurement.Parse(value),
        TemperatureMeasurement.Uuid or TemperatureMeasurement.IntermediateUuid => TemperatureMeasurement.Parse(value, characteristic),
        _ => GattParse<DeviceReport>.Refused($"Characteristic 0x{characteristic:X4} is not a health measurement Varde reads."),
    };
}
