using System.Globalization;

namespace Varde.Server.Components.Costs;

/// <summary>An amount as typed in a form: a number input sends a point, a person may type a comma or spaces between thousands.</summary>
public static class AmountText
{
    public static bool TryParse(string? text, out decimal amount) =>
        decimal.TryParse((text ?? "").Trim().Replace(',', '.').Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal),
            NumberStyles.Number, CultureInfo.InvariantCulture, out amount);
}
