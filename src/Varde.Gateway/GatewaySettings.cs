using System.Text.Json;
using System.Text.RegularExpressions;

namespace Varde.Gateway;

/// <summary>
/// A device the gateway reads, paired with one patient: the Bluetooth address, the patient (<c>Patient/{id}</c>, or a
/// fødselsnummer / D-nummer of 11 digits), the user index on a multi-user monitor or scale (then only that user's
/// readings are taken: other users' and guests' are not), when it was paired with this patient (a reading the device
/// timed before that — an earlier owner's, left in its memory — is not taken), and the manufacturer, model and serial
/// to use until the device's own Device Information is read.
/// </summary>
public sealed record PairedDevice(string Address, string Patient, int? User = null, string? Manufacturer = null, string? Model = null, string? Serial = null,
    DateTimeOffset? PairedSince = null);

/// <summary>
/// The gateway's configuration (a JSON file): Varde's address, the gateway's client id (its secret from the environment
/// variable <c>VARDE_GATEWAY_SECRET</c>, or the file), the local store, the devices' time zone, and the paired devices.
/// </summary>
public sealed partial record GatewaySettings(Uri Server, string ClientId, string ClientSecret, string Store, string DeviceTimeZone, IReadOnlyList<PairedDevice> Devices)
{
    public const string SecretVariable = "VARDE_GATEWAY_SECRET";
    public const int MaxDeviceText = 100;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { AllowTrailingCommas = true, ReadCommentHandling = JsonCommentHandling.Skip };

    /// <summary>
    /// The identifier system of readings from Bluetooth devices. Client ids are made from the device and the measurement,
    /// not the gateway, so a replacement gateway that reads a meter's memory again stores nothing twice.
    /// </summary>
    public const string ReadingSystem = "urn:varde:device-reading";

    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(DeviceTimeZone);

    public PairedDevice? Device(string address) => Devices.FirstOrDefault(d => string.Equals(d.Address, address, StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads and checks a settings file; every problem is named, none is guessed past.</summary>
    public static (GatewaySettings? Settings, IReadOnlyList<string> Problems) Read(string json, Func<string, string?> environment)
    {
        File? file;
        try
        {
            file = JsonSerializer.Deserialize<File>(json, Json);
        }
        catch (JsonException e)
        {
            return (null, [$"The settings are not valid JSON: {e.Message}"]);
        }

        var problems = new List<string>();
        if (file is null)
            return (null, ["The settings file is empty."]);
        if (!Uri.TryCreate(file.Server, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
            problems.Add("\"server\" must be Varde's address, e.g. https://varde.kommune.no/.");
        else if (server.Scheme == "http" && !server.IsLoopback)
            problems.Add("\"server\" must use https (plain http only to this machine).");
        if (string.IsNullOrWhiteSpace(file.ClientId))
            problems.Add("\"clientId\" is the gateway's client id from Varde's gateway register.");
        var secret = environment(SecretVariable) ?? file.ClientSecret;
        if (string.IsNullOrWhiteSpace(secret))
            problems.Add($"The gateway's secret is missing: set {SecretVariable} (or \"clientSecret\").");
        var zone = file.DeviceTimeZone ?? "Europe/Oslo";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            problems.Add($"\"deviceTimeZone\" {zone} is not a time zone this machine knows.");
        var devices = file.Devices ?? [];
        foreach (var device in devices)
        {
            if (!AddressShape().IsMatch(device.Address ?? ""))
                problems.Add($"A device's \"address\" is a Bluetooth address like C4:7C:8D:6A:3E:01 (got \"{device.Address}\").");
            if (!PatientShape().IsMatch(device.Patient ?? ""))
                problems.Add($"Device {device.Address}: \"patient\" is Patient/{{id}} or an 11-digit fødselsnummer or D-nummer.");
            if (device.User is < 0 or > 254)
                problems.Add($"Device {device.Address}: \"user\" is the device's user index, 0 to 254.");
            if (new[] { device.Manufacturer, device.Model, device.Serial }.Any(t => t?.Length > MaxDeviceText))
                problems.Add($"Device {device.Address}: manufacturer, model and serial are at most {MaxDeviceText} characters.");
        }

        if (devices.GroupBy(d => d.Address?.ToUpperInvariant()).Any(g => g.Count() > 1))
            problems.Add("A device address is listed twice.");
        return problems.Count > 0
            ? (null, problems)
            : (new GatewaySettings(server!, file.ClientId!.Trim(), secret!, file.Store ?? "varde-gateway.db", zone,
                devices.Select(d => d with { Address = d.Address.ToUpperInvariant() }).ToList()), []);
    }

    [GeneratedRegex("^[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}$")]
    private static partial Regex AddressShape();

    [GeneratedRegex("^(Patient/[A-Za-z0-9\\-\\.]{1,64}|[0-9]{11})$")]
    private static partial Regex PatientShape();

    private sealed record File(string? Server, string? ClientId, string? ClientSecret, string? Store, string? DeviceTimeZone, List<PairedDevice>? Devices);
}
