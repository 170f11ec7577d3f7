namespace Varde.Devices;

/// <summary>
/// The note a reading from a device carries into Varde (Observation.note, the JSON API's note): what the device said
/// and any doubt about its time, bokmål first with the English after it. Null when there is nothing to say. The one
/// wording for every door (the gateway, the patient app).
/// </summary>
public static class ReadingNote
{
    public static string? For(IReadOnlyList<DeviceNote> notes, ReadingTimeSource timeSource, DeviceNote? timeDoubt)
    {
        var lines = new List<string>();
        if (notes.Count > 0)
            lines.Add($"Måleren meldte: {string.Join("; ", notes.Select(n => n.Nb))}. (The device said: {string.Join("; ", notes.Select(n => n.En))}.)");
        if (timeDoubt is { } doubt)
        {
            lines.Add(timeSource == ReadingTimeSource.Received
                ? $"Tid: {doubt.Nb}; tidspunktet er når målingen ble mottatt. (Time: {doubt.En}; the time given is when the reading was received.)"
                : $"Tid: {doubt.Nb}. (Time: {doubt.En}.)");
        }

        return lines.Count == 0 ? null : string.Join("\n", lines);
    }
}
