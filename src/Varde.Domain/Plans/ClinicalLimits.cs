using Varde.Domain.Measurements;

namespace Varde.Domain.Plans;

/// <summary>
/// The clinical hard limits a proposed threshold must stay within, per quantity and side: a proposal from a
/// patient's own baseline is moved inside them (and says so). Also the smallest spread used, so a very steady trial
/// period does not give thresholds that fire on ordinary variation. Which sides are proposed at all follows the
/// clinical direction of the quantity (low SpO2 and peak flow, high temperature; both for blood pressure, pulse,
/// glucose and breathing rate). Body weight gets no absolute thresholds: its rule is the change over days.
/// </summary>
public sealed record ClinicalLimits(
    MeasuredQuantity Quantity,
    decimal MinimumSpread,
    (decimal Min, decimal Max)? RedLow,
    (decimal Min, decimal Max)? YellowLow,
    (decimal Min, decimal Max)? YellowHigh,
    (decimal Min, decimal Max)? RedHigh)
{
    public static IReadOnlyList<ClinicalLimits> Defaults { get; } =
    [
        new(MeasuredQuantity.SystolicPressure, 5m, (80, 100), (90, 110), (140, 180), (160, 220)),
        new(MeasuredQuantity.DiastolicPressure, 4m, (45, 60), (50, 65), (90, 105), (100, 120)),
        new(MeasuredQuantity.Pulse, 4m, (35, 50), (40, 55), (95, 120), (110, 140)),
        new(MeasuredQuantity.OxygenSaturation, 1m, (80, 92), (85, 95), null, null),
        new(MeasuredQuantity.BodyTemperature, 0.2m, null, null, (37.5m, 38.5m), (38.0m, 39.5m)),
        new(MeasuredQuantity.BloodGlucose, 0.5m, (3.0m, 4.0m), (3.5m, 5.0m), (10m, 15m), (13m, 20m)),
        new(MeasuredQuantity.RespiratoryRate, 1.5m, (6, 10), (8, 12), (20, 25), (24, 30)),
        new(MeasuredQuantity.PeakFlow, 15m, (80, 300), (120, 400), null, null),
    ];

    public static ClinicalLimits? For(MeasuredQuantity quantity) => Defaults.FirstOrDefault(l => l.Quantity == quantity);
}
