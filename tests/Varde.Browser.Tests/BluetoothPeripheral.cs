using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>
/// A Bluetooth LE health device emulated inside Chromium through the DevTools protocol (BluetoothEmulation on the
/// browser, DeviceAccess on the page), so the patient app's own Web Bluetooth code runs unchanged: the device chooser is
/// answered, connection and discovery succeed, Device Information is read, notifications are subscribed. One gap, the
/// protocol's: Chromium 156 cannot push a notification unasked, so <see cref="SendAsync"/> has the page read the
/// characteristic (the same object the app holds), and a completed read fires the same characteristicvaluechanged event
/// a notification does. The measurement characteristic is therefore declared readable as well, which a real 0x2A35 is not.
/// Needs Chromium started with --enable-experimental-web-platform-features (Web Bluetooth is experimental on Linux).
/// </summary>
public sealed class BluetoothPeripheral : IAsyncDisposable
{
    private const string Address = "09:09:09:09:09:09";
    private readonly ICDPSession _browser;
    private readonly ICDPSession _page;
    private readonly ConcurrentDictionary<string, byte[]> _reads = new();
    private readonly ConcurrentDictionary<string, bool> _prompts = new();
    private string _measurement = "";

    private BluetoothPeripheral(ICDPSession browser, ICDPSession page)
    {
        _browser = browser;
        _page = page;
    }

    public string Name { get; private init; } = "";

    /// <summary>Emulates a powered-on adapter with one device offering <paramref name="service"/>'s <paramref name="characteristic"/> and Device Information.</summary>
    public static async Task<BluetoothPeripheral> StartAsync(IBrowser browser, IPage page, string name, ushort service, ushort characteristic,
        string manufacturer, string model, string serial)
    {
        var peripheral = new BluetoothPeripheral(await browser.NewBrowserCDPSessionAsync(), await page.Context.NewCDPSessionAsync(page)) { Name = name };
        await peripheral.SetUpAsync(service, characteristic, manufacturer, model, serial);
        return peripheral;
    }

    /// <summary>The device sends <paramref name="hex"/> on its measurement characteristic.</summary>
    public async Task SendAsync(IPage page, ushort service, ushort characteristic, string hex)
    {
        _reads[_measurement] = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));
        var error = await page.EvaluateAsync<string?>("""
            async ([service, characteristic]) => {
              try {
                const [device] = await navigator.bluetooth.getDevices();
                const c = await (await device.gatt.getPrimaryService(service)).getCharacteristic(characteristic);
                await c.readValue();
                return null;
              } catch (e) { return e.name + ': ' + e.message; }
            }
            """, new[] { (int)service, (int)characteristic });
        error.ShouldBeNull();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.SendAsync("BluetoothEmulation.disable");
        await _browser.DetachAsync();
        await _page.DetachAsync();
    }

    private static string Uuid(ushort id) => $"0000{id:x4}-0000-1000-8000-00805f9b34fb";

    private async Task SetUpAsync(ushort service, ushort characteristic, string manufacturer, string model, string serial)
    {
        _browser.Event("BluetoothEmulation.gattOperationReceived").OnEvent += (_, e) =>
            _ = _browser.SendAsync("BluetoothEmulation.simulateGATTOperationResponse",
                new() { ["address"] = e!.Value.GetProperty("address").GetString()!, ["type"] = e.Value.GetProperty("type").GetString()!, ["code"] = 0 });
        _browser.Event("BluetoothEmulation.characteristicOperationReceived").OnEvent += (_, e) =>
        {
            var id = e!.Value.GetProperty("characteristicId").GetString()!;
            var type = e.Value.GetProperty("type").GetString()!;
            var answer = new Dictionary<string, object> { ["characteristicId"] = id, ["type"] = type, ["code"] = 0 };
            if (type == "read")
                answer["data"] = Convert.ToBase64String(_reads.GetValueOrDefault(id) ?? []);
            _ = _browser.SendAsync("BluetoothEmulation.simulateCharacteristicOperationResponse", answer);
        };
        _page.Event("DeviceAccess.deviceRequestPrompted").OnEvent += (_, e) =>
        {
            var prompt = e!.Value.GetProperty("id").GetString()!;
            var devices = e.Value.GetProperty("devices");
            // The event comes again for the same prompt as the list updates: answer it once.
            if (devices.GetArrayLength() > 0 && _prompts.TryAdd(prompt, true))
                _ = _page.SendAsync("DeviceAccess.selectPrompt", new() { ["id"] = prompt, ["deviceId"] = devices[0].GetProperty("id").GetString()! });
        };

        await _browser.SendAsync("BluetoothEmulation.enable", new() { ["state"] = "powered-on", ["leSupported"] = true });
        await _page.SendAsync("DeviceAccess.enable");
        await _browser.SendAsync("BluetoothEmulation.simulatePreconnectedPeripheral", new()
        {
            ["address"] = Address, ["name"] = Name, ["manufacturerData"] = Array.Empty<object>(), ["knownServiceUuids"] = new[] { Uuid(service) },
        });
        var health = await IdAsync("BluetoothEmulation.addService", new() { ["address"] = Address, ["serviceUuid"] = Uuid(service) }, "serviceId");
        _measurement = await IdAsync("BluetoothEmulation.addCharacteristic", new()
        {
            ["serviceId"] = health, ["characteristicUuid"] = Uuid(characteristic),
            ["properties"] = new Dictionary<string, object> { ["notify"] = true, ["indicate"] = true, ["read"] = true },
        }, "characteristicId");
        // Without its Client Characteristic Configuration descriptor, startNotifications() is "not supported".
        await _browser.SendAsync("BluetoothEmulation.addDescriptor", new() { ["characteristicId"] = _measurement, ["descriptorUuid"] = Uuid(0x2902) });
        var information = await IdAsync("BluetoothEmulation.addService", new() { ["address"] = Address, ["serviceUuid"] = Uuid(0x180A) }, "serviceId");
        foreach (var (uuid, text) in new[] { ((ushort)0x2A29, manufacturer), ((ushort)0x2A24, model), ((ushort)0x2A25, serial) })
        {
            var id = await IdAsync("BluetoothEmulation.addCharacteristic", new()
            {
                ["serviceId"] = information, ["characteristicUuid"] = Uuid(uuid), ["properties"] = new Dictionary<string, object> { ["read"] = true },
            }, "characteristicId");
            _reads[id] = System.Text.Encoding.UTF8.GetBytes(text);
        }
    }

    private async Task<string> IdAsync(string method, Dictionary<string, object> args, string property)
    {
        JsonElement? result = await _browser.SendAsync(method, args);
        return result!.Value.GetProperty(property).GetString()!;
    }
}
