namespace Varde.Server.Features.Statistics;

/// <summary>An enum's values by their exact names (case and all), looked up from characters without making a string.</summary>
public static class EnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum>.AlternateLookup<ReadOnlySpan<char>> ByName =
        Enum.GetNames<TEnum>().ToDictionary(n => n, Enum.Parse<TEnum>, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The value named <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">No value has that name.</exception>
    public static TEnum Parse(ReadOnlySpan<char> name) =>
        ByName.TryGetValue(name, out var value) ? value : throw new FormatException($"'{name}' is not a name of {typeof(TEnum).Name}.");
}
