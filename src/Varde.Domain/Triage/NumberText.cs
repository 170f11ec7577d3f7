using System.Globalization;

namespace Varde.Domain.Triage;

/// <summary>Formats numbers for explanations: a decimal comma in bokmål, a point in English, no trailing zeros.</summary>
internal static class NumberText
{
    public static string Nb(decimal value) => En(value).Replace('.', ',');

    public static string En(decimal value) => value.ToString("0.##########", CultureInfo.InvariantCulture);
}
