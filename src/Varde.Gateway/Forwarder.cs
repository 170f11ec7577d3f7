using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Varde.Gateway;

/// <summary>What one round of sending did.</summary>
public sealed record ForwardRound(int Sent, int Refused, string? Interrupted)
{
    public bool WasInterrupted => Interrupted is not null;
}

/// <summary>
/// Sends the kept readings to Varde, oldest first, in transactions of up to <see cref="BatchSize"/>. A transaction Varde
/// takes marks every reading in it sent (with Varde's id). One Varde refuses as a whole (a 4xx: some reading in it is
/// wrong, e.g. a patient who has left the service) is sent again reading by reading, so the good ones go and only the
/// wrong one is marked refused, with Varde's reason. No answer, a timeout or a 5xx leaves everything waiting: the next
/// round resends it, and the client ids (ifNoneExist) make a resend of something already stored harmless — so every
/// reading reaches Varde exactly once.
/// </summary>
public sealed class Forwarder(ReadingStore store, VardeConnection varde, GatewaySettings settings, TimeProvider clock, ILogger<Forwarder> logger)
{
    public int BatchSize { get; init; } = 100;

    /// <summary>Sends until nothing is waiting or Varde cannot be reached; says how far it got.</summary>
    public async Task<ForwardRound> SendWaitingAsync(CancellationToken ct = default)
    {
        var sent = 0;
        var refused = 0;
        while (true)
        {
            var waiting = await store.WaitingAsync(BatchSize, ct);
            if (waiting.Count == 0)
                return new ForwardRound(sent, refused, null);
            var devices = new Dictionary<string, KnownDevice>();
            foreach (var address in waiting.Select(w => w.DeviceAddress).Distinct())
                devices[address] = await KnownAsync(address, ct);

            var answer = await varde.PostAsync("fhir", ObservationBundle.Transaction(waiting, devices, settings.ReadingSystem), ct: ct);
            switch (answer)
            {
                case VardeAnswer.Accepted accepted:
                    await store.MarkSentAsync(waiting.Select((w, i) => (w.Id, ObservationId(accepted.Body, devices.Count + i))), clock.GetUtcNow(), ct);
                    sent += waiting.Count;
                    break;
                case VardeAnswer.Refused whole:
                    GatewayLog.TransactionRefused(logger, waiting.Count, whole.Status, whole.Reason);
                    var (oneSent, oneRefused, interrupted) = await SendOneByOneAsync(waiting, devices, ct);
                    sent += oneSent;
                    refused += oneRefused;
                    if (interrupted is not null)
                        return new ForwardRound(sent, refused, interrupted);
                    break;
                case VardeAnswer.TryLater later:
                    await store.CountAttemptAsync(waiting.Select(w => w.Id), ct);
                    return new ForwardRound(sent, refused, later.Reason);
            }
        }
    }

    private async Task<(int Sent, int Refused, string? Interrupted)> SendOneByOneAsync(IReadOnlyList<WaitingReading> waiting,
        Dictionary<string, KnownDevice> devices, CancellationToken ct)
    {
        var sent = 0;
        var refused = 0;
        var deviceIds = new Dictionary<string, string>();
        foreach (var reading in waiting)
        {
            if (!deviceIds.TryGetValue(reading.DeviceAddress, out var deviceId))
            {
                var registered = await varde.PostAsync("fhir/Device", ObservationBundle.Device(devices[reading.DeviceAddress]), ct: ct);
                if (registered is not VardeAnswer.Accepted { Body: { } device } || device["id"]?.GetValue<string>() is not { } id)
                    return (sent, refused, $"the device could not be registered: {Describe(registered)}");
                deviceIds[reading.DeviceAddress] = deviceId = id;
            }

            var answer = await varde.PostAsync("fhir/Observation", ObservationBundle.Observation(reading, settings.ReadingSystem, $"Device/{deviceId}"),
                $"identifier={settings.ReadingSystem}|{reading.ClientId}", ct);
            switch (answer)
            {
                case VardeAnswer.Accepted accepted:
                    await store.MarkSentAsync([(reading.Id, accepted.Body?["id"]?.GetValue<string>())], clock.GetUtcNow(), ct);
                    sent++;
                    break;
                case VardeAnswer.Refused no:
                    await store.MarkRefusedAsync(reading.Id, $"{no.Status}: {no.Reason}", clock.GetUtcNow(), ct);
                    GatewayLog.ReadingRefused(logger, reading.ClientId, no.Status, no.Reason);
                    refused++;
                    break;
                case VardeAnswer.TryLater later:
                    return (sent, refused, later.Reason);
            }
        }

        return (sent, refused, null);
    }

    private async Task<KnownDevice> KnownAsync(string address, CancellationToken ct)
    {
        var read = await store.DeviceAsync(address, ct);
        var paired = settings.Device(address);
        return new KnownDevice(address, read?.Manufacturer ?? paired?.Manufacturer, read?.Model ?? paired?.Model, read?.Serial ?? paired?.Serial, read?.LastSequence);
    }

    /// <summary>The Observation id from entry <paramref name="index"/> of a transaction-response ("Observation/{id}/_history/1").</summary>
    private static string? ObservationId(JsonNode? response, int index)
    {
        var location = response?["entry"]?[index]?["response"]?["location"]?.GetValue<string>();
        var parts = location?.Split('/') ?? [];
        var at = Array.LastIndexOf(parts, "Observation");
        return at >= 0 && at + 1 < parts.Length ? parts[at + 1] : null;
    }

    private static string Describe(VardeAnswer answer) => answer switch
    {
        VardeAnswer.Refused r => $"{r.Status}: {r.Reason}",
        VardeAnswer.TryLater l => l.Reason,
        _ => "no id in Varde's answer",
    };
}
