using Varde.Data;
using Varde.Domain.Devices;

namespace Varde.Server.Features.Gateways;

/// <summary>A gateway as the administrator's API and screens show it: never a secret or its hash.</summary>
public sealed record GatewayResponse(Guid Id, string ClientId, string Name, Guid ServiceId, string ServiceName, DateTimeOffset CreatedAt, bool Revoked,
    DateTimeOffset? RevokedAt, IReadOnlyList<GatewayResponse.Secret> Secrets, GatewayResponse.Sent Activity)
{
    /// <summary>One secret: made when, valid until when (null: until the next rotation), and whether it counts now.</summary>
    public sealed record Secret(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset? ValidUntil, bool Valid);

    /// <summary>
    /// What the gateway sent: reports taken in the last 24 hours and 7 days and refused in the last 24 hours (to the hour),
    /// the last report and the last refusal with its reason. Silent: in use for more than a day, and no report in the last 24 hours.
    /// </summary>
    public sealed record Sent(int ReceivedLastDay, int ReceivedLastWeek, int RefusedLastDay, DateTimeOffset? LastReceivedAt, DateTimeOffset? LastRefusedAt,
        string? LastError, bool Silent);

    public static GatewayResponse From(DeviceGateway g, string serviceName, IReadOnlyList<GatewayActivityHour> hours, DateTimeOffset now)
    {
        var dayAgo = now.AddDays(-1);
        var weekAgo = now.AddDays(-7);
        var lastRefusal = hours.Where(h => h.LastRefusedAt is not null).MaxBy(h => h.LastRefusedAt);
        var lastReceived = hours.Max(h => h.LastReceivedAt);
        var sent = new Sent(hours.Where(h => h.Hour > dayAgo).Sum(h => h.Received), hours.Where(h => h.Hour > weekAgo).Sum(h => h.Received),
            hours.Where(h => h.Hour > dayAgo).Sum(h => h.Refused), lastReceived, lastRefusal?.LastRefusedAt, lastRefusal?.LastError,
            !g.IsRevoked && g.CreatedAt <= dayAgo && (lastReceived is null || lastReceived <= dayAgo));
        return new(g.Id, g.ClientId, g.Name, g.ServiceId, serviceName, g.CreatedAt, g.IsRevoked, g.RevokedAt,
            [.. g.Secrets.Select(s => new Secret(s.Id, s.CreatedAt, s.ValidUntil, !g.IsRevoked && s.ValidAt(now)))], sent);
    }
}
