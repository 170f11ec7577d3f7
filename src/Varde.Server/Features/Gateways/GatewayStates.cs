using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Devices;

namespace Varde.Server.Features.Gateways;

/// <summary>
/// Every registered gateway as last read (a small table, read whole), for the check on every gateway request
/// (<see cref="Auth.ActiveGatewayCheck"/>) without a query each: read again when older than <see cref="MaxAge"/>, and at
/// once when this node changes a gateway. So on this node a revocation or a rotation counts from the next request; on
/// another node within <see cref="MaxAge"/>. An overlap that ends needs no reading: the check compares times (ADR 0024).
/// </summary>
public sealed class GatewayStates(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _reading = new(1, 1);
    private Snapshot? _snapshot;

    /// <summary>
    /// Whether a token of gateway <paramref name="clientId"/> issued for secret <paramref name="secretId"/> still counts. A client
    /// that is only an OpenIddict application (registered before Varde kept gateways) has no secret id and counts as before.
    /// </summary>
    public async ValueTask<bool> HonoursAsync(string clientId, Guid? secretId, CancellationToken ct)
    {
        var snapshot = await CurrentAsync(ct);
        if (!snapshot.Gateways.TryGetValue(clientId, out var gateway))
            return secretId is null;
        return secretId is { } id && gateway.Honours(id, clock.GetUtcNow());
    }

    /// <summary>A gateway was changed on this node: read them all again at the next request.</summary>
    public void Changed() => _snapshot = null;

    public void Dispose() => _reading.Dispose();

    private async ValueTask<Snapshot> CurrentAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_snapshot is { } fresh && now - fresh.ReadAt < MaxAge && now >= fresh.ReadAt)
            return fresh;
        await _reading.WaitAsync(ct);
        try
        {
            if (_snapshot is { } other && now - other.ReadAt < MaxAge && now >= other.ReadAt)
                return other;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
            var gateways = await db.DeviceGateways.AsNoTracking().ToDictionaryAsync(g => g.ClientId, StringComparer.Ordinal, ct);
            return _snapshot = new Snapshot(now, gateways);
        }
        finally
        {
            _reading.Release();
        }
    }

    private sealed record Snapshot(DateTimeOffset ReadAt, IReadOnlyDictionary<string, DeviceGateway> Gateways);
}
