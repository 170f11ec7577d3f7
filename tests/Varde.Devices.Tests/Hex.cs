namespace Varde.Devices.Tests;

/// <summary>Bytes as they are on the wire, written "1E 8A 00".</summary>
internal static class Hex
{
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
}
