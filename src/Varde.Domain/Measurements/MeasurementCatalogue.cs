using static Varde.Domain.Measurements.UnitConversion;

namespace Varde.Domain.Measurements;

/// <summary>
/// The measurement types Varde accepts, with LOINC codes and UCUM units from standards.md §1.1, the alternative
/// units devices and people use, and physically plausible ranges. A value outside its plausible range is not a
/// clinical value but a suspected measurement error (a cuff off the arm, a finger moved off the oximeter, a typo).
/// </summary>
public static class MeasurementCatalogue
{
    /// <summary>1 kPa = 7.50062 mmHg (standards.md §4).</summary>
    public const decimal MmHgPerKPa = 7.50062m;

    /// <summary>1 lb (avoirdupois) = 0.45359237 kg exactly.</summary>
    public const decimal KgPerPound = 0.45359237m;

    /// <summary>Glucose: 1 mmol/L = 18.016 mg/dL (molar mass 180.16 g/mol).</summary>
    public const decimal MgPerDlPerMmolPerL = 18.016m;

    private static readonly UnitConversion[] Pressure = [Identity("mm[Hg]"), Identity("mmHg"), Factor("kPa", MmHgPerKPa)];
    private static readonly UnitConversion[] PerMinute = [Identity("/min"), Identity("1/min"), Identity("{beats}/min"), Identity("{breaths}/min"), Identity("bpm")];

    private static readonly QuantityDefinition Systolic = new(MeasuredQuantity.SystolicPressure, "8480-6", "mm[Hg]", "mmHg", 0,
        50m, 300m, "Systolisk blodtrykk", "Systolic blood pressure", Pressure);

    private static readonly QuantityDefinition Diastolic = new(MeasuredQuantity.DiastolicPressure, "8462-4", "mm[Hg]", "mmHg", 0,
        20m, 200m, "Diastolisk blodtrykk", "Diastolic blood pressure", Pressure);

    private static readonly QuantityDefinition Pulse = new(MeasuredQuantity.Pulse, "8867-4", "/min", "/min", 0,
        20m, 250m, "Puls", "Pulse", PerMinute);

    private static readonly QuantityDefinition Spo2 = new(MeasuredQuantity.OxygenSaturation, "2708-6", "%", "%", 0,
        50m, 100m, "SpO2", "SpO2", [Identity("%")]);

    private static readonly QuantityDefinition Weight = new(MeasuredQuantity.BodyWeight, "29463-7", "kg", "kg", 1,
        20m, 350m, "Vekt", "Weight",
        [Identity("kg"), Factor("g", 0.001m), Factor("[lb_av]", KgPerPound), Factor("lb", KgPerPound)]);

    private static readonly QuantityDefinition Temperature = new(MeasuredQuantity.BodyTemperature, "8310-5", "Cel", "°C", 1,
        30m, 45m, "Temperatur", "Temperature",
        [Identity("Cel"), Identity("°C"), new("[degF]", FahrenheitToCelsius), new("°F", FahrenheitToCelsius)]);

    private static readonly QuantityDefinition Glucose = new(MeasuredQuantity.BloodGlucose, "15074-8", "mmol/L", "mmol/L", 1,
        0.5m, 50m, "Blodsukker", "Blood glucose",
        [Identity("mmol/L"), Identity("mmol/l"), Factor("mg/dL", 1m / MgPerDlPerMmolPerL), Factor("mg/dl", 1m / MgPerDlPerMmolPerL)]);

    private static readonly QuantityDefinition RespiratoryRateQuantity = new(MeasuredQuantity.RespiratoryRate, "9279-1", "/min", "/min", 0,
        3m, 80m, "Respirasjonsfrekvens", "Respiratory rate", PerMinute);

    private static readonly QuantityDefinition PeakFlowQuantity = new(MeasuredQuantity.PeakFlow, "19935-6", "L/min", "L/min", 0,
        30m, 1000m, "PEF", "Peak flow", [Identity("L/min"), Identity("l/min")]);

    public static IReadOnlyList<MeasurementDefinition> All { get; } =
    [
        new(MeasurementType.BloodPressure, "85354-9", "Blodtrykk", "Blood pressure", [Systolic, Diastolic]),
        new(MeasurementType.Pulse, "8867-4", "Puls", "Pulse", [Pulse]),
        new(MeasurementType.OxygenSaturation, "2708-6", "SpO2", "SpO2", [Spo2]),
        new(MeasurementType.BodyWeight, "29463-7", "Vekt", "Weight", [Weight]),
        new(MeasurementType.BodyTemperature, "8310-5", "Temperatur", "Temperature", [Temperature]),
        new(MeasurementType.BloodGlucose, "15074-8", "Blodsukker", "Blood glucose", [Glucose]),
        new(MeasurementType.RespiratoryRate, "9279-1", "Respirasjonsfrekvens", "Respiratory rate", [RespiratoryRateQuantity]),
        new(MeasurementType.PeakFlow, "19935-6", "PEF", "Peak flow", [PeakFlowQuantity]),
    ];

    public static MeasurementDefinition Get(MeasurementType type) => All.Single(d => d.Type == type);

    public static QuantityDefinition Get(MeasuredQuantity quantity) =>
        All.SelectMany(d => d.Components).First(q => q.Quantity == quantity);

    private static decimal FahrenheitToCelsius(decimal f) => (f - 32m) * 5m / 9m;
}
