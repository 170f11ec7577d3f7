using System.Collections.Frozen;

namespace Varde.Domain.Organisations;

/// <summary>
/// The official municipality numbers (kommunenummer) of the 2024 municipality structure, shipped with Varde as data:
/// <c>kommunenummer-2024.csv</c> beside this file says where it comes from. Read once from the assembly, never from
/// the network; a new structure (a merger or a split) is a new file in a new release.
/// </summary>
public static class MunicipalityNumbers
{
    public const int Year = 2024;

    private static readonly Lazy<FrozenDictionary<string, string>> Names = new(Load);

    /// <summary>Every official number with the municipality's name, as SSB writes it.</summary>
    public static IReadOnlyDictionary<string, string> All => Names.Value;

    public static bool IsOfficial(string? number) => number is not null && Names.Value.ContainsKey(number);

    public static string? NameOf(string number) => Names.Value.GetValueOrDefault(number);

    /// <summary>The error for a number that is not one of the official ones, or none.</summary>
    public static ValidationError? Check(string field, string? number) =>
        IsOfficial(number?.Trim())
            ? null
            : new(field, $"{number?.Trim()} is not one of the {Year} municipality numbers (kommunenummer).");

    private static FrozenDictionary<string, string> Load()
    {
        using var stream = typeof(MunicipalityNumbers).Assembly.GetManifestResourceStream("Varde.Domain.Organisations.kommunenummer-2024.csv")
            ?? throw new InvalidOperationException("The municipality list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith('#') || line.StartsWith("number;", StringComparison.Ordinal) || line.Length == 0)
                continue;
            var parts = line.Split(';', 2);
            names.Add(parts[0], parts[1]);
        }

        return names.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
