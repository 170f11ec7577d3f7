namespace Varde.Domain;

/// <summary>
/// An enum's values by their exact names (case and all; no numbers, spaces or lists of flags), looked up from characters
/// without making a string: for names read from text in bulk (a pathway's step days, a column stored by name).
/// </summary>
public static class EnumNames<TEnum> where TEnum : struct, Enum
{
    private static readonly Dictionary<string, TEnum>.AlternateLookup<ReadOnlySpan<char>> ByName =
        Enum.GetNames<TEnum>().ToDictionary(n => n, Enum.Parse<TEnum>, StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The value named <paramref name="name"/>, if one is.</summary>
    public static bool TryParse(ReadOnlySpan<char> name, out TEnum value) => ByName.TryGetValue(name, out value);

    /// <summary>The value named <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">No value has that name.</exception>
    public static TEnum Parse(ReadOnlySpan<char> name) =>
        TryParse(name, out var value) ? value : throw new FormatException($"'{name}' is not a name of {typeof(TEnum).Name}.");
}
