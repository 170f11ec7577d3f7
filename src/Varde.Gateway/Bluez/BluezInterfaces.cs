using Tmds.DBus;

namespace Varde.Gateway.Bluez;

// BlueZ's D-Bus API (bluez.git doc/org.bluez.Device.rst, org.bluez.GattCharacteristic.rst): the parts the gateway uses.
// Public because Tmds.DBus makes the proxies at run time.

/// <summary>org.freedesktop.DBus.ObjectManager at "/" of org.bluez: every adapter, device, service and characteristic.</summary>
[DBusInterface("org.freedesktop.DBus.ObjectManager")]
public interface IObjectManager : IDBusObject
{
    Task<IDictionary<ObjectPath, IDictionary<string, IDictionary<string, object>>>> GetManagedObjectsAsync();
}

/// <summary>org.bluez.Device1: Address, Connected and ServicesResolved are the properties read.</summary>
[DBusInterface("org.bluez.Device1")]
public interface IDevice1 : IDBusObject
{
    Task ConnectAsync();

    Task<object> GetAsync(string prop);

    Task<IDictionary<string, object>> GetAllAsync();

    Task SetAsync(string prop, object val);

    Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler);
}

/// <summary>org.bluez.GattCharacteristic1: UUID and Value; notifications arrive as PropertiesChanged of Value.</summary>
[DBusInterface("org.bluez.GattCharacteristic1")]
public interface IGattCharacteristic1 : IDBusObject
{
    Task<byte[]> ReadValueAsync(IDictionary<string, object> options);

    Task WriteValueAsync(byte[] value, IDictionary<string, object> options);

    Task StartNotifyAsync();

    Task<object> GetAsync(string prop);

    Task<IDictionary<string, object>> GetAllAsync();

    Task SetAsync(string prop, object val);

    Task<IDisposable> WatchPropertiesAsync(Action<PropertyChanges> handler);
}
