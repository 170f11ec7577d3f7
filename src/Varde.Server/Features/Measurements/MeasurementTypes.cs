using System.Text.Json;
using Varde.Domain.Measurements;

namespace Varde.Server.Features.Measurements;

/// <summary>The API's names for measurement types ("blood-pressure", "oxygen-saturation", …).</summary>
public static class MeasurementTypes
{
    private static readonly Dictionary<string, MeasurementType> ByName = Enum.GetValues<MeasurementType>()
        .ToDictionary(t => Name(t), StringComparer.Ordinal);

    public static string Name(MeasurementType type) => JsonNamingPolicy.KebabCaseLower.ConvertName(type.ToString());

    public static MeasurementType? Parse(string? name) => name is not null && ByName.TryGetValue(name.Trim(), out var t) ? t : null;

    public static string Known => string.Join(", ", ByName.Keys);
}
