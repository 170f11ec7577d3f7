using System.Diagnostics;
using Tmds.DBus;
using Varde.Gateway.Bluez;

namespace Varde.Server.Tests.Features.ReferenceGateway;

/// <summary>
/// A D-Bus bus of the test's own (dbus-daemon in a temp folder): BlueZ is another process on the system bus, so it is
/// what the gateway test stands in for, on a real bus with real D-Bus messages.
/// </summary>
public sealed class PrivateBus : IDisposable
{
    private readonly Process _daemon;
    private readonly string _folder = Directory.CreateTempSubdirectory("varde-dbus-").FullName;

    public PrivateBus()
    {
        var config = Path.Combine(_folder, "bus.conf");
        File.WriteAllText(config, $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig><type>session</type><listen>unix:dir={_folder}</listen><auth>EXTERNAL</auth>
            <policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>
            """);
        _daemon = Process.Start(new ProcessStartInfo("dbus-daemon", ["--config-file", config, "--print-address", "--nofork"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("dbus-daemon did not start (test.sh installs the dbus package).");
        Address = _daemon.StandardOutput.ReadLine() ?? throw new InvalidOperationException("dbus-daemon printed no address.");
    }

    public string Address { get; }

    public void Dispose()
    {
        _daemon.Kill();
        _daemon.WaitForExit();
        _daemon.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}

/// <summary>BlueZ as the gateway sees it: the object manager, devices, and their GATT characteristics.</summary>
public sealed class FakeBluez : IObjectManager
{
    private readonly List<FakeDevice> _devices = [];

    public ObjectPath ObjectPath => "/";

    public static async Task<FakeBluez> StartAsync(Connection bus, params FakeDevice[] devices)
    {
        var bluez = new FakeBluez();
        bluez._devices.AddRange(devices);
        await bus.RegisterObjectAsync(bluez);
        foreach (var device in devices)
        {
            await bus.RegisterObjectAsync(device);
            foreach (var characteristic in device.Characteristics)
                await bus.RegisterObjectAsync(characteristic);
        }

        await bus.RegisterServiceAsync(BluezReader.Service);
        return bluez;
    }

    public Task<IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>> GetManagedObjectsAsync()
    {
        var objects = new Dictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>();
        foreach (var device in _devices)
        {
            objects[device.ObjectPath] = new Dictionary<string, IDictionary<string, object>> { ["org.bluez.Device1"] = device.Properties() };
            if (!device.Connected)
                continue; // BlueZ lists a device's services once it is connected and they are resolved
            foreach (var characteristic in device.Characteristics)
                objects[characteristic.ObjectPath] = new Dictionary<string, IDictionary<string, object>> { ["org.bluez.GattCharacteristic1"] = characteristic.Properties() };
        }

        return Task.FromResult<IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>>(objects);
    }
}

public sealed class FakeDevice(string address) : IDevice1
{
    public ObjectPath ObjectPath { get; } = new($"/org/bluez/hci0/dev_{address.Replace(':', '_')}");

    public string Address => address;

    public bool Connected { get; private set; }

    public int Connects { get; private set; }

    public List<FakeCharacteristic> Characteristics { get; } = [];

    public event Action<PropertyChanges>? OnPropertiesChanged;

    public FakeCharacteristic Add(ushort uuid, byte[]? readValue = null)
    {
        var characteristic = new FakeCharacteristic(new ObjectPath($"{ObjectPath}/service0001/char{Characteristics.Count + 1:x4}"), uuid) { ReadValue = readValue ?? [] };
        Characteristics.Add(characteristic);
        return characteristic;
    }

    public Task ConnectAsync()
    {
        Connected = true;
        Connects++;
        OnPropertiesChanged?.Invoke(PropertyChanges.ForProperty("Connected", true));
        return Task.CompletedTask;
    }

    /// <summary>The device goes to sleep after measuring, as they do.</summary>
    public void Disconnect()
    {
        Connected = false;
        foreach (var characteristic in Characteristics)
            characteristic.Notifying = false;
        OnPropertiesChanged?.Invoke(PropertyChanges.ForProperty("Connected", false));
    }

    public IDictionary<string, object> Properties() => new Dictionary<string, object>
    {
        ["Address"] = address, ["Connected"] = Connected, ["ServicesResolved"] = Connected, ["Name"] = "Fake " + address,
    };

    public Task<object> GetAsync(string prop) => Task.FromResult(Properties()[prop]);

    public Task<IDictionary<string, object>> GetAllAsync() => Task.FromResult(Properties());

    public Task SetAsync(string prop, object val) => Task.CompletedTask;

    public Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler) => SignalWatcher.AddAsync(this, nameof(OnPropertiesChanged), handler);
}

public sealed class FakeCharacteristic(ObjectPath path, ushort uuid) : IGattCharacteristic1
{
    public ObjectPath ObjectPath => path;

    public byte[] ReadValue { get; init; } = [];

    public bool Notifying { get; set; }

    /// <summary>What was written to it (the record requests a glucose meter got).</summary>
    public List<byte[]> Written { get; } = [];

    /// <summary>What the device does when written to (a glucose meter answers a record request).</summary>
    public Func<byte[], Task>? OnWrite { get; set; }

    public event Action<PropertyChanges>? OnPropertiesChanged;

    public IDictionary<string, object> Properties() => new Dictionary<string, object>
    {
        ["UUID"] = $"0000{uuid:x4}-0000-1000-8000-00805f9b34fb", ["Notifying"] = Notifying,
    };

    /// <summary>The device sends a notification or indication (BlueZ: a change of Value), when subscribed.</summary>
    public void Send(byte[] value)
    {
        if (!Notifying)
            throw new InvalidOperationException("Nobody subscribed to this characteristic.");
        OnPropertiesChanged?.Invoke(PropertyChanges.ForProperty("Value", value));
    }

    public Task<byte[]> ReadValueAsync(IDictionary<string, object> options) => Task.FromResult(ReadValue);

    public async Task WriteValueAsync(byte[] value, IDictionary<string, object> options)
    {
        Written.Add(value);
        if (OnWrite is not null)
            await OnWrite(value);
    }

    public Task StartNotifyAsync()
    {
        Notifying = true;
        return Task.CompletedTask;
    }

    public Task<object> GetAsync(string prop) => Task.FromResult(Properties()[prop]);

    public Task<IDictionary<string, object>> GetAllAsync() => Task.FromResult(Properties());

    public Task SetAsync(string prop, object val) => Task.CompletedTask;

    public Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler) => SignalWatcher.AddAsync(this, nameof(OnPropertiesChanged), handler);
}
