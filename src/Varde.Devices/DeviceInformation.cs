using System.Text;

namespace Varde.Devices;

/// <summary>
/// Device Information service 0x180A: manufacturer name 0x2A29, model number 0x2A24, serial number 0x2A25, firmware
/// revision 0x2A26 — UTF-8 strings, some devices padding them with NULs or spaces. What Varde registers the device as
/// (a FHIR Device with manufacturer, model and serial).
/// </summary>
public static class DeviceInformation
{
    public const ushort ServiceUuid = 0x180A;
    public const ushort ManufacturerNameUuid = 0x2A29;
    public const ushort ModelNumberUuid = 0x2A24;
    public const ushort SerialNumberUuid = 0x2A25;
    public const ushort FirmwareRevisionUuid = 0x2A26;
    public const int LongestText = 64;

    /// <summary>The text, trimmed of padding and control characters, at most <see cref="LongestText"/> characters; null when empty.</summary>
    public static string? ReadText(ReadOnlySpan<byte> value)
    {
        var text = Encoding.UTF8.GetString(value);
        var clean = new StringBuilder(Math.Min(text.Length, LongestText));
        foreach (var c in text)
        {
            if (clean.Length == LongestText)
                break;
            if (!char.IsControl(c) && c != '\uFFFD')
                clean.Append(c);
        }

        var result = clean.ToString().Trim();
        return result.Length == 0 ? null : result;
    }
}
