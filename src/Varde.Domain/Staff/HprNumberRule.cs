namespace Varde.Domain.Staff;

/// <summary>
/// Shape of an HPR number (Helsepersonellregisteret). The register publishes no check-digit algorithm, so only the
/// shape is checked here; whether the number is authorised is a lookup against the register itself.
/// </summary>
public static class HprNumberRule
{
    public static bool IsValid(string value) => value.Length is >= 7 and <= 9 && value.All(char.IsAsciiDigit);
}
