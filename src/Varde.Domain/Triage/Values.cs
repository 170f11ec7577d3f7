using Varde.Domain.Measurements;

namespace Varde.Domain.Triage;

/// <summary>A measurement's values as people write them: "Blodtrykk 142/88 mmHg", "Vekt 82,4 kg".</summary>
internal static class Values
{
    public static string Nb(IReadOnlyList<Reading> readings) =>
        readings.Count == 1
            ? $"{readings[0].Quantity.NameNb} {NumberText.Nb(readings[0].Value)} {readings[0].Quantity.DisplayUnit}"
            : $"Blodtrykk {string.Join("/", readings.Select(r => NumberText.Nb(r.Value)))} {readings[0].Quantity.DisplayUnit}";

    public static string En(IReadOnlyList<Reading> readings) =>
        readings.Count == 1
            ? $"{readings[0].Quantity.NameEn} {NumberText.En(readings[0].Value)} {readings[0].Quantity.DisplayUnit}"
            : $"Blood pressure {string.Join("/", readings.Select(r => NumberText.En(r.Value)))} {readings[0].Quantity.DisplayUnit}";

    public static bool IsBloodPressure(MeasurementDefinition d) => d.Type == MeasurementType.BloodPressure;
}
