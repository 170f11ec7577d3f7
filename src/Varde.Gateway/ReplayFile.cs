using System.Text.Json;

namespace Varde.Gateway;

/// <summary>One recorded characteristic value: when it arrived, from which device, which characteristic, the bytes.</summary>
public sealed record RecordedValue(DateTimeOffset At, string Device, ushort Characteristic, byte[] Value);

/// <summary>
/// A recording of characteristic values, one JSON object per line:
/// <c>{"at":"2026-11-24T13:58:05+01:00","device":"C4:7C:8D:6A:3E:01","characteristic":"2A35","value":"1E 8A 00 …"}</c>.
/// Blank lines and lines starting with <c>#</c> are skipped. A line that cannot be read stops the replay with its
/// number, before anything is captured (a half-read recording is not half-replayed).
/// </summary>
public static class ReplayFile
{
    public static (IReadOnlyList<RecordedValue> Values, string? Problem) Read(IEnumerable<string> lines)
    {
        var values = new List<RecordedValue>();
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            var text = line.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
                continue;
            try
            {
                var row = JsonSerializer.Deserialize<Row>(text, JsonSerializerOptions.Web);
                if (row?.At is not { } at || string.IsNullOrWhiteSpace(row.Device) || row.Characteristic is not { Length: 4 } uuid || row.Value is null)
                    return ([], $"Line {number}: give \"at\", \"device\", \"characteristic\" (4 hex digits) and \"value\" (hex bytes).");
                values.Add(new RecordedValue(at, row.Device, Convert.ToUInt16(uuid, 16), Convert.FromHexString(row.Value.Replace(" ", "", StringComparison.Ordinal))));
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                return ([], $"Line {number}: {e.Message}");
            }
        }

        return (values, null);
    }

    private sealed record Row(DateTimeOffset? At, string? Device, string? Characteristic, string? Value);
}
