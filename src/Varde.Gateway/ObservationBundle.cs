using System.Globalization;
using System.Text.Json.Nodes;
using Varde.Devices;

namespace Varde.Gateway;

/// <summary>
/// Kept readings as one FHIR transaction: each device once as a Device entry (identified by its Bluetooth address,
/// with manufacturer, model and serial; Varde answers a known device with the one it has), and each reading as an
/// Observation that refers to it by urn:uuid, carries its client id as identifier and is sent with
/// <c>ifNoneExist</c> on it — so sending the same bundle again stores nothing twice. Codes follow the PHD IG: LOINC
/// plus the IEEE 11073 MDC code; values in the device's UCUM unit (Varde converts).
/// </summary>
public static class ObservationBundle
{
    public const string BluetoothAddressSystem = "http://hl7.org/fhir/sid/eui-48/bluetooth";
    public const string FnrSystem = "urn:oid:2.16.578.1.12.4.1.4.1";
    public const string DnrSystem = "urn:oid:2.16.578.1.12.4.1.4.2";
    private const string Loinc = "http://loinc.org";
    private const string Mdc = "urn:iso:std:iso:11073:10101";
    private const string Ucum = "http://unitsofmeasure.org";

    public static JsonObject Transaction(IReadOnlyList<WaitingReading> readings, IReadOnlyDictionary<string, KnownDevice> devices, string readingSystem)
    {
        var entries = new JsonArray();
        var deviceUrls = new Dictionary<string, string>();
        foreach (var address in readings.Select(r => r.DeviceAddress).Distinct())
        {
            var url = $"urn:uuid:{Guid.NewGuid()}";
            deviceUrls[address] = url;
            entries.Add(new JsonObject
            {
                ["fullUrl"] = url,
                ["resource"] = Device(devices.GetValueOrDefault(address) ?? new KnownDevice(address, null, null, null, null)),
                ["request"] = new JsonObject { ["method"] = "POST", ["url"] = "Device" },
            });
        }

        foreach (var reading in readings)
        {
            entries.Add(new JsonObject
            {
                ["fullUrl"] = $"urn:uuid:{Guid.NewGuid()}",
                ["resource"] = Observation(reading, readingSystem, deviceUrls[reading.DeviceAddress]),
                ["request"] = new JsonObject
                {
                    ["method"] = "POST",
                    ["url"] = "Observation",
                    ["ifNoneExist"] = $"identifier={readingSystem}|{reading.ClientId}",
                },
            });
        }

        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "transaction", ["entry"] = entries };
    }

    public static JsonObject Device(KnownDevice device)
    {
        var resource = new JsonObject
        {
            ["resourceType"] = "Device",
            ["identifier"] = new JsonArray(new JsonObject { ["system"] = BluetoothAddressSystem, ["value"] = device.Address }),
        };
        if (device.Manufacturer is { } manufacturer)
            resource["manufacturer"] = manufacturer;
        if (device.Serial is { } serial)
            resource["serialNumber"] = serial;
        if (device.Model is { } model)
            resource["deviceName"] = new JsonArray(new JsonObject { ["name"] = model, ["type"] = "model-name" });
        return resource;
    }

    public static JsonObject Observation(WaitingReading waiting, string readingSystem, string deviceReference)
    {
        var r = waiting.Reading;
        var observation = new JsonObject
        {
            ["resourceType"] = "Observation",
            ["status"] = "final",
            ["identifier"] = new JsonArray(new JsonObject { ["system"] = readingSystem, ["value"] = waiting.ClientId }),
            ["category"] = new JsonArray(new JsonObject
            {
                ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/observation-category", ["code"] = "vital-signs" }),
            }),
            ["code"] = Code(r),
            ["subject"] = Subject(r.Patient),
            ["effectiveDateTime"] = r.EffectiveAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            ["device"] = new JsonObject { ["reference"] = deviceReference },
        };
        if (r.Kind == ReadingKind.BloodPressure)
        {
            observation["component"] = new JsonArray(
                new JsonObject { ["code"] = Coding(Loinc, "8480-6"), ["valueQuantity"] = Quantity(r.Value, r.Unit) },
                new JsonObject { ["code"] = Coding(Loinc, "8462-4"), ["valueQuantity"] = Quantity(r.Diastolic ?? throw new InvalidOperationException("A blood pressure without a diastolic value was kept."), r.Unit) });
        }
        else
        {
            observation["valueQuantity"] = Quantity(r.Value, r.Unit);
        }

        if (ReadingNote.For(r.Notes, r.TimeSource, r.TimeDoubt) is { } note)
            observation["note"] = new JsonArray(new JsonObject { ["text"] = note });
        return observation;
    }

    private static JsonObject Subject(string patient)
    {
        if (patient.StartsWith("Patient/", StringComparison.Ordinal))
            return new JsonObject { ["reference"] = patient };
        // A D-nummer has 4 added to the first digit.
        var system = patient[0] >= '4' && patient[0] <= '7' ? DnrSystem : FnrSystem;
        return new JsonObject { ["identifier"] = new JsonObject { ["system"] = system, ["value"] = patient } };
    }

    private static JsonObject Code(CapturedReading r)
    {
        var (loinc, mdc) = r.Kind switch
        {
            ReadingKind.BloodPressure => (new[] { "85354-9" }, "150020"),
            ReadingKind.Pulse => (["8867-4"], r.Characteristic is BloodPressureMeasurement.Uuid ? "149546" : "149530"),
            ReadingKind.OxygenSaturation => (["2708-6", "59408-5"], "150456"),
            ReadingKind.BodyWeight => (["29463-7"], "188736"),
            ReadingKind.BodyTemperature => (["8310-5"], "150364"),
            _ => (["15074-8"], "160184"),
        };
        var codings = new JsonArray();
        foreach (var code in loinc)
            codings.Add(new JsonObject { ["system"] = Loinc, ["code"] = code });
        codings.Add(new JsonObject { ["system"] = Mdc, ["code"] = mdc });
        return new JsonObject { ["coding"] = codings };
    }

    private static JsonObject Coding(string system, string code) =>
        new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code }) };

    private static JsonObject Quantity(decimal value, string unit) =>
        new() { ["value"] = value, ["unit"] = unit, ["system"] = Ucum, ["code"] = unit };
}
