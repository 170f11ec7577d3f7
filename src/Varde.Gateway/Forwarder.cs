using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Varde.Gateway;

/// <summary>What one round of sending did.</summary>
public sealed record ForwardRound(int Sent, int Refused, string? Interrupted, int SetAside = 0)
{
    public bool WasInterrupted => Interrupted is not null;
}

/// <summary>
/// Sends the kept readings to Varde, oldest first, in transactions of up to <see cref="BatchSize"/>. A transaction Varde
/// takes — answered with a transaction-response whose every entry succeeded — marks every reading in it sent (with
/// Varde's id). One Varde refuses as a whole (its OperationOutcome: some reading in it is wrong) is sent again reading
/// by reading, so the good ones go: a reading Varde refuses is marked refused with Varde's reason and never resent; one
/// whose patient Varde does not find (not, or not yet, in the gateway's service) is set aside for an hour, so it neither
/// blocks the rest nor is given up. No answer, a timeout, a 5xx, or an answer that does not account for every reading
/// leaves everything waiting: the next round resends it, and the client ids (ifNoneExist) make a resend of something
/// already stored harmless — so every reading reaches Varde exactly once.
/// </summary>
public sealed class Forwarder(ReadingStore store, VardeConnection varde, GatewaySettings settings, TimeProvider clock, ILogger<Forwarder> logger)
{
    public static readonly TimeSpan SetAsideFor = TimeSpan.FromHours(1);

    public int BatchSize { get; init; } = 100;

    /// <summary>Sends until nothing is due or Varde cannot be reached; says how far it got.</summary>
    public async Task<ForwardRound> SendWaitingAsync(CancellationToken ct = default)
    {
        var round = new ForwardRound(0, 0, null);
        while (true)
        {
            var waiting = await store.WaitingAsync(BatchSize, clock.GetUtcNow(), ct);
            if (waiting.Count == 0)
                return round;
            var devices = new Dictionary<string, KnownDevice>();
            foreach (var address in waiting.Select(w => w.DeviceAddress).Distinct())
                devices[address] = await KnownAsync(address, ct);

            var answer = await varde.PostAsync("fhir", ObservationBundle.Transaction(waiting, devices, GatewaySettings.ReadingSystem), ct: ct);
            switch (answer)
            {
                case VardeAnswer.Accepted accepted when ObservationIds(accepted.Body, devices.Count, waiting.Count) is { } ids:
                    await store.MarkSentAsync(waiting.Select((w, i) => (w.Id, (string?)ids[i])), clock.GetUtcNow(), ct);
                    round = round with { Sent = round.Sent + waiting.Count };
                    break;
                case VardeAnswer.Accepted:
                    await store.CountAttemptAsync(waiting.Select(w => w.Id), ct);
                    return round with { Interrupted = "Varde's answer did not account for every reading (not a transaction-response with a 2xx entry each)" };
                case VardeAnswer.Refused whole:
                    GatewayLog.TransactionRefused(logger, waiting.Count, whole.Status, whole.Reason);
                    var one = await SendOneByOneAsync(waiting, devices, ct);
                    round = new ForwardRound(round.Sent + one.Sent, round.Refused + one.Refused, one.Interrupted, round.SetAside + one.SetAside);
                    if (one.WasInterrupted)
                        return round;
                    break;
                case VardeAnswer.TryLater later:
                    await store.CountAttemptAsync(waiting.Select(w => w.Id), ct);
                    return round with { Interrupted = later.Reason };
            }
        }
    }

    private async Task<ForwardRound> SendOneByOneAsync(IReadOnlyList<WaitingReading> waiting, Dictionary<string, KnownDevice> devices, CancellationToken ct)
    {
        var round = new ForwardRound(0, 0, null);
        var deviceIds = new Dictionary<string, string?>();
        foreach (var reading in waiting)
        {
            if (!deviceIds.TryGetValue(reading.DeviceAddress, out var deviceId))
            {
                var registered = await varde.PostAsync("fhir/Device", ObservationBundle.Device(devices[reading.DeviceAddress]), ct: ct);
                switch (registered)
                {
                    case VardeAnswer.Accepted { Body: { } device } when device["id"]?.GetValue<string>() is { } id:
                        deviceId = id;
                        break;
                    case VardeAnswer.Refused no:
                        // Varde will not register the device as described: its readings wait (an hour at a time) for the
                        // settings to be put right, and the other devices' go on.
                        deviceId = null;
                        GatewayLog.DeviceRefused(logger, reading.DeviceAddress, no.Status, no.Reason);
                        break;
                    default:
                        return round with { Interrupted = $"the device could not be registered: {Describe(registered)}" };
                }

                deviceIds[reading.DeviceAddress] = deviceId;
            }

            if (deviceId is null)
            {
                await store.SetAsideAsync(reading.Id, "Varde refused the device's registration", clock.GetUtcNow() + SetAsideFor, ct);
                round = round with { SetAside = round.SetAside + 1 };
                continue;
            }

            var answer = await varde.PostAsync("fhir/Observation", ObservationBundle.Observation(reading, GatewaySettings.ReadingSystem, $"Device/{deviceId}"),
                $"identifier={GatewaySettings.ReadingSystem}|{reading.ClientId}", ct);
            switch (answer)
            {
                case VardeAnswer.Accepted accepted:
                    await store.MarkSentAsync([(reading.Id, accepted.Body?["id"]?.GetValue<string>())], clock.GetUtcNow(), ct);
                    round = round with { Sent = round.Sent + 1 };
                    break;
                case VardeAnswer.Refused { Status: 404 } missing:
                    await store.SetAsideAsync(reading.Id, $"404: {missing.Reason}", clock.GetUtcNow() + SetAsideFor, ct);
                    GatewayLog.ReadingSetAside(logger, reading.ClientId, missing.Reason);
                    round = round with { SetAside = round.SetAside + 1 };
                    break;
                case VardeAnswer.Refused no:
                    await store.MarkRefusedAsync(reading.Id, $"{no.Status}: {no.Reason}", clock.GetUtcNow(), ct);
                    GatewayLog.ReadingRefused(logger, reading.ClientId, no.Status, no.Reason);
                    round = round with { Refused = round.Refused + 1 };
                    break;
                case VardeAnswer.TryLater later:
                    return round with { Interrupted = later.Reason };
            }
        }

        return round;
    }

    private async Task<KnownDevice> KnownAsync(string address, CancellationToken ct)
    {
        var read = await store.DeviceAsync(address, ct);
        var paired = settings.Device(address);
        return new KnownDevice(address, read?.Manufacturer ?? paired?.Manufacturer, read?.Model ?? paired?.Model, read?.Serial ?? paired?.Serial, read?.LastSequence);
    }

    /// <summary>
    /// The Observation ids of a transaction-response, in the order the readings were sent (after the Device entries), or
    /// null when the answer is not one: not a transaction-response, another number of entries, or an entry without a 2xx
    /// status or an Observation location ("Observation/{id}/_history/1", relative or absolute).
    /// </summary>
    public static string[]? ObservationIds(JsonNode? response, int devices, int readings)
    {
        if (response?["resourceType"]?.GetValue<string>() != "Bundle" || response["type"]?.GetValue<string>() != "transaction-response"
            || response["entry"] is not JsonArray entries || entries.Count != devices + readings)
            return null;
        var ids = new string[readings];
        for (var i = 0; i < readings; i++)
        {
            var result = entries[devices + i]?["response"];
            if (result?["status"]?.GetValue<string>() is not { } status || !status.StartsWith('2'))
                return null;
            var parts = result["location"]?.GetValue<string>()?.Split('/') ?? [];
            var at = Array.LastIndexOf(parts, "Observation");
            if (at < 0 || at + 1 >= parts.Length)
                return null;
            ids[i] = parts[at + 1];
        }

        return ids;
    }

    private static string Describe(VardeAnswer answer) => answer switch
    {
        VardeAnswer.Refused r => $"{r.Status}: {r.Reason}",
        VardeAnswer.TryLater l => l.Reason,
        _ => "no id in Varde's answer",
    };
}
