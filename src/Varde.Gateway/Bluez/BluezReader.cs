using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Tmds.DBus;
using Varde.Devices;

namespace Varde.Gateway.Bluez;

/// <summary>
/// Reads the paired devices live through BlueZ (Linux's Bluetooth stack, over D-Bus). Every <see cref="LookInterval"/>
/// it looks for paired devices BlueZ knows and is not yet watching: connects one that is in range, reads its Device
/// Information, subscribes to its measurement characteristics (notifications and indications arrive as changes of the
/// characteristic's Value), and asks a glucose meter for the records after the last one kept (Record Access Control
/// Point). When a device disconnects (they do, after each measurement, to save battery), it is looked for again. Each
/// value goes to <see cref="DeviceCapture"/> in the order it came, kept in the store before anything is sent. The
/// devices must be bonded with BlueZ first (bluetoothctl pair/trust, docs/devices.md).
/// </summary>
public sealed class BluezReader(Connection bus, GatewaySettings settings, DeviceCapture capture, ReadingStore store, TimeProvider clock,
    ILogger<BluezReader> logger) : IDisposable
{
    public const string Service = "org.bluez";
    private const string DeviceInterface = "org.bluez.Device1";
    private const string CharacteristicInterface = "org.bluez.GattCharacteristic1";
    private static readonly Dictionary<string, object> NoOptions = [];

    private readonly Channel<RecordedValue> _values = Channel.CreateUnbounded<RecordedValue>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, List<IDisposable>> _watched = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public TimeSpan LookInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>After each kept value (the gateway's loop sends at once).</summary>
    public event Action? Captured;

    public async Task RunAsync(CancellationToken ct)
    {
        var capturing = CaptureInOrderAsync(ct);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await LookAsync();
            }
            catch (DBusException e)
            {
                GatewayLog.BluezFailed(logger, e.ErrorName, e.ErrorMessage);
            }

            try
            {
                await Task.Delay(LookInterval, clock, ct);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        _values.Writer.TryComplete();
        await capturing;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var subscriptions in _watched.Values)
                subscriptions.ForEach(s => s.Dispose());
            _watched.Clear();
        }
    }

    /// <summary>One look: connect and watch each paired device BlueZ knows that is not watched yet.</summary>
    public async Task LookAsync()
    {
        var objects = await bus.CreateProxy<IObjectManager>(Service, "/").GetManagedObjectsAsync();
        foreach (var paired in settings.Devices)
        {
            lock (_gate)
            {
                if (_watched.ContainsKey(paired.Address))
                    continue;
            }

            var (path, properties) = objects.FirstOrDefault(o => o.Value.TryGetValue(DeviceInterface, out var p) && p.TryGetValue("Address", out var a)
                && string.Equals(a as string, paired.Address, StringComparison.OrdinalIgnoreCase));
            if (properties is null)
                continue; // not bonded with BlueZ, or not seen yet
            var device = bus.CreateProxy<IDevice1>(Service, path);
            if (!Is(properties[DeviceInterface], "Connected"))
            {
                try
                {
                    await device.ConnectAsync();
                }
                catch (DBusException e)
                {
                    GatewayLog.DeviceNotReached(logger, paired.Address, e.ErrorName);
                    continue; // out of range or asleep: the next look tries again
                }

                objects = await bus.CreateProxy<IObjectManager>(Service, "/").GetManagedObjectsAsync();
            }

            if (!Is(objects[path][DeviceInterface], "ServicesResolved"))
                continue; // connected, services not discovered yet: the next look
            await WatchAsync(paired.Address, path, device, objects);
        }
    }

    private async Task WatchAsync(string address, ObjectPath devicePath, IDevice1 device, IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>> objects)
    {
        var subscriptions = new List<IDisposable>
        {
            await device.WatchPropertiesAsync(changes =>
            {
                if (changes.Changed.Any(c => c.Key == "Connected" && c.Value is false))
                    Forget(address);
            }),
        };
        var characteristics = objects
            .Where(o => o.Key.ToString().StartsWith(devicePath + "/", StringComparison.Ordinal) && o.Value.ContainsKey(CharacteristicInterface))
            .Select(o => (Path: o.Key, Uuid: ShortUuid(o.Value[CharacteristicInterface].TryGetValue("UUID", out var u) ? u as string : null)))
            .Where(c => c.Uuid is not null)
            .Select(c => (c.Path, Uuid: c.Uuid!.Value))
            .OrderBy(c => c.Path.ToString(), StringComparer.Ordinal)
            .ToList();

        // Device Information first, so the readings that follow are registered with it.
        foreach (var (path, uuid) in characteristics.Where(c => c.Uuid is DeviceInformation.ManufacturerNameUuid or DeviceInformation.ModelNumberUuid
                     or DeviceInformation.SerialNumberUuid))
        {
            try
            {
                Enqueue(address, uuid, await bus.CreateProxy<IGattCharacteristic1>(Service, path).ReadValueAsync(NoOptions));
            }
            catch (DBusException)
            {
                // A device whose Device Information cannot be read is still read.
            }
        }

        foreach (var (path, uuid) in characteristics.Where(c => HealthCharacteristics.IsKnown(c.Uuid)))
        {
            var characteristic = bus.CreateProxy<IGattCharacteristic1>(Service, path);
            subscriptions.Add(await characteristic.WatchPropertiesAsync(changes =>
            {
                foreach (var (name, value) in changes.Changed)
                {
                    if (name == "Value" && value is byte[] bytes)
                        Enqueue(address, uuid, bytes);
                }
            }));
            await characteristic.StartNotifyAsync();
        }

        if (characteristics.FirstOrDefault(c => c.Uuid == RecordAccessControlPoint.Uuid) is { Path: var racpPath } && racpPath.ToString() is { Length: > 0 })
        {
            var racp = bus.CreateProxy<IGattCharacteristic1>(Service, racpPath);
            subscriptions.Add(await racp.WatchPropertiesAsync(changes =>
            {
                foreach (var (name, value) in changes.Changed)
                {
                    if (name == "Value" && value is byte[] bytes)
                        GatewayLog.RecordAccess(logger, address, RecordAccessControlPoint.ReadIndication(bytes).ToString());
                }
            }));
            await racp.StartNotifyAsync();
            var last = (await store.DeviceAsync(address))?.LastSequence;
            await racp.WriteValueAsync(RecordAccessControlPoint.RequestRecordsAfter(last is { } l ? (ushort)l : null), NoOptions);
        }

        lock (_gate)
            _watched[address] = subscriptions;
        GatewayLog.DeviceWatched(logger, address, characteristics.Count);
    }

    private void Forget(string address)
    {
        lock (_gate)
        {
            if (_watched.Remove(address, out var subscriptions))
                subscriptions.ForEach(s => s.Dispose());
        }
    }

    private void Enqueue(string address, ushort characteristic, byte[] value) =>
        _values.Writer.TryWrite(new RecordedValue(clock.GetUtcNow(), address, characteristic, value));

    private async Task CaptureInOrderAsync(CancellationToken ct)
    {
        await foreach (var value in _values.Reader.ReadAllAsync(CancellationToken.None))
        {
            await capture.CaptureAsync(value.Device, value.Characteristic, value.Value, value.At, CancellationToken.None);
            Captured?.Invoke();
        }
    }

    private static bool Is(IDictionary<string, object> properties, string name) => properties.TryGetValue(name, out var value) && value is true;

    /// <summary>The 16-bit id of a SIG base UUID ("00002a35-0000-1000-8000-00805f9b34fb" is 0x2A35); null for any other.</summary>
    public static ushort? ShortUuid(string? uuid) =>
        uuid is { Length: 36 } && uuid.StartsWith("0000", StringComparison.Ordinal)
        && uuid.EndsWith("-0000-1000-8000-00805f9b34fb", StringComparison.OrdinalIgnoreCase)
        && ushort.TryParse(uuid.AsSpan(4, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? id : null;
}
