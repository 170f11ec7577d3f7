using Microsoft.Extensions.Logging.Abstractions;
using Varde.Gateway;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.ReferenceGateway;

/// <summary>
/// The reference gateway wired to a test server: its own store in a temp folder, the test gateway's credentials, the
/// given paired devices, and an HTTP path to Varde through <see cref="UnreliableNetwork"/> (reliable until told not to be).
/// </summary>
public sealed class GatewayRig : IDisposable
{
    private readonly HttpClient _http;

    private GatewayRig(VardeApp app, GatewaySettings settings, ReadingStore store)
    {
        Settings = settings;
        Store = store;
        Network = new UnreliableNetwork(app.Server.CreateHandler());
        _http = new HttpClient(Network) { BaseAddress = app.Server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Capture = new DeviceCapture(settings, store, NullLogger<DeviceCapture>.Instance);
        Forwarder = new Forwarder(store, new VardeConnection(_http, settings, app.Clock), settings, app.Clock, NullLogger<Forwarder>.Instance);
    }

    public GatewaySettings Settings { get; }

    public ReadingStore Store { get; }

    public UnreliableNetwork Network { get; }

    public DeviceCapture Capture { get; }

    public Forwarder Forwarder { get; }

    public static async Task<GatewayRig> StartAsync(VardeApp app, params PairedDevice[] devices)
    {
        var folder = Directory.CreateTempSubdirectory("varde-gateway-").FullName;
        var settings = new GatewaySettings(app.Server.BaseAddress, TestWorld.GatewayClientId, TestWorld.GatewaySecret, Path.Combine(folder, "readings.db"),
            "Europe/Oslo", devices);
        return new GatewayRig(app, settings, await ReadingStore.OpenAsync(settings.Store));
    }

    /// <summary>Sends until nothing is waiting, as the running gateway's loop would (with no waiting between rounds).</summary>
    public async Task<int> SendUntilDoneAsync(int rounds = 200)
    {
        var sent = 0;
        for (var i = 0; i < rounds; i++)
        {
            var round = await Forwarder.SendWaitingAsync();
            sent += round.Sent;
            if (!round.WasInterrupted)
                return sent;
        }

        throw new InvalidOperationException($"Still interrupted after {rounds} rounds.");
    }

    public void Dispose()
    {
        _http.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path.GetDirectoryName(Settings.Store)!, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
