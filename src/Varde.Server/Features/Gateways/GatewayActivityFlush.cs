using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Features.Gateways;

/// <summary>
/// Adds the tallies counted in memory (<see cref="GatewayActivity"/>) to <c>gateway_activity</c>, one upsert per gateway
/// and hour in one transaction: a count is added to what other nodes stored, never overwritten. Keeps eight days, and
/// each gateway's newest hour however old, so a long-silent gateway still shows when it was last heard from.
/// </summary>
public sealed class GatewayActivityFlush(VardeDbContext db, GatewayActivity activity, TimeProvider clock)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(8);

    public async Task FlushAsync(CancellationToken ct)
    {
        var tallies = activity.Drain();
        if (tallies.Count == 0)
            return;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            foreach (var t in tallies)
                await UpsertAsync(t, ct);
            await transaction.CommitAsync(ct);
        }
        catch
        {
            activity.PutBack(tallies);
            throw;
        }
    }

    /// <summary>Deletes hours older than <see cref="KeptFor"/>, except each gateway's newest.</summary>
    public Task<int> PruneAsync(CancellationToken ct)
    {
        var before = clock.GetUtcNow() - KeptFor;
        return db.GatewayActivity
            .Where(a => a.Hour < before && db.GatewayActivity.Any(newer => newer.ClientId == a.ClientId && newer.Hour > a.Hour))
            .ExecuteDeleteAsync(ct);
    }

    // The same statement on both providers; SQLite keeps times as UTC ticks (SqliteTypes), PostgreSQL as timestamptz.
    private Task<int> UpsertAsync(GatewayActivityHour t, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite();
        object? Time(DateTimeOffset? at) => at is not { } value ? null : sqlite ? value.UtcTicks : value.ToUniversalTime();
        return db.Database.ExecuteSqlAsync($"""
            INSERT INTO gateway_activity (client_id, hour, received, refused, last_received_at, last_refused_at, last_error)
            VALUES ({t.ClientId}, {Time(t.Hour)}, {t.Received}, {t.Refused}, {Time(t.LastReceivedAt)}, {Time(t.LastRefusedAt)}, {t.LastError})
            ON CONFLICT (client_id, hour) DO UPDATE SET
                received = gateway_activity.received + excluded.received,
                refused = gateway_activity.refused + excluded.refused,
                last_received_at = CASE WHEN gateway_activity.last_received_at IS NULL OR excluded.last_received_at > gateway_activity.last_received_at
                    THEN excluded.last_received_at ELSE gateway_activity.last_received_at END,
                last_error = CASE WHEN gateway_activity.last_refused_at IS NULL OR excluded.last_refused_at >= gateway_activity.last_refused_at
                    THEN excluded.last_error ELSE gateway_activity.last_error END,
                last_refused_at = CASE WHEN gateway_activity.last_refused_at IS NULL OR excluded.last_refused_at >= gateway_activity.last_refused_at
                    THEN excluded.last_refused_at ELSE gateway_activity.last_refused_at END
            """, ct);
    }
}
