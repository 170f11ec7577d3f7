using Varde.Data;
using Varde.Domain.Access;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Gateways;

/// <summary>
/// What each device gateway sent, counted in memory (ADR 0024): reports taken in and refused, and the last refusal's
/// reason, per gateway and hour. Intake tells it what became of a gateway's reports (<see cref="Took"/>); the gateway
/// check tells it of requests refused before intake; the token endpoint of a wrong or ended secret. Nothing here touches
/// the database: <see cref="GatewayActivityFlush"/> adds the tallies to <c>gateway_activity</c> every minute and before
/// the activity is shown. A reason is a code, an endpoint or field names, never a value or a person.
/// </summary>
public sealed class GatewayActivity(TimeProvider clock)
{
    public const int MaxReasonLength = 200;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _refusalsNoted = new(StringComparer.Ordinal);
    private Dictionary<(string ClientId, DateTimeOffset Hour), GatewayActivityHour> _pending = [];

    /// <summary>Counts what intake made of the reports of gateway callers (stored and resent are received; refused with the reason).</summary>
    public void Took(IReadOnlyList<Caller> callers, IReadOnlyList<IntakeOutcome> outcomes)
    {
        for (var i = 0; i < outcomes.Count; i++)
        {
            if (callers[i].Role != Role.DeviceGateway)
                continue;
            switch (outcomes[i])
            {
                case IntakeOutcome.Stored or IntakeOutcome.Resent:
                    Received(callers[i].ActorId, 1);
                    break;
                case IntakeOutcome.Refused r:
                    Refused(callers[i].ActorId, Reason(r));
                    break;
            }
        }
    }

    public void Received(string clientId, int count)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var hour = HourOf(clientId, now);
            hour.Received += count;
            hour.LastReceivedAt = Later(hour.LastReceivedAt, now);
        }
    }

    public void Refused(string clientId, string reason)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            var hour = HourOf(clientId, now);
            hour.Refused++;
            if (hour.LastRefusedAt is null || now >= hour.LastRefusedAt)
                (hour.LastRefusedAt, hour.LastError) = (now, reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason);
            _refusalsNoted[clientId] = _refusalsNoted.GetValueOrDefault(clientId) + 1;
        }
    }

    /// <summary>
    /// How many refusals of this gateway were noted since the server started: the gateway check compares it before and
    /// after a request, so a refusal intake noted with its reason is not noted again as a bare status.
    /// </summary>
    public long RefusalsNoted(string clientId)
    {
        lock (_lock)
            return _refusalsNoted.GetValueOrDefault(clientId);
    }

    /// <summary>Takes the tallies counted so far (the counting starts again from nothing).</summary>
    public List<GatewayActivityHour> Drain()
    {
        lock (_lock)
        {
            var taken = _pending.Values.ToList();
            _pending = [];
            return taken;
        }
    }

    /// <summary>Puts back tallies that could not be stored, to be added with the next ones.</summary>
    public void PutBack(IEnumerable<GatewayActivityHour> tallies)
    {
        lock (_lock)
        {
            foreach (var t in tallies)
            {
                var hour = HourOf(t.ClientId, t.Hour);
                hour.Received += t.Received;
                hour.Refused += t.Refused;
                hour.LastReceivedAt = Later(hour.LastReceivedAt, t.LastReceivedAt);
                if (t.LastRefusedAt is { } refused && (hour.LastRefusedAt is null || refused > hour.LastRefusedAt))
                    (hour.LastRefusedAt, hour.LastError) = (refused, t.LastError);
            }
        }
    }

    /// <summary>The start of the UTC hour <paramref name="at"/> falls in.</summary>
    public static DateTimeOffset HourStart(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);

    // "invalid: value, unit", "patient-not-found: subject": the kind and the fields, which are names in the code, not data.
    private static string Reason(IntakeOutcome.Refused refused)
    {
        var kind = System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(refused.Kind.ToString());
        var fields = refused.Errors.Select(e => e.Field).Distinct().ToList();
        return fields.Count == 0 ? kind : $"{kind}: {string.Join(", ", fields)}";
    }

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null || a >= b ? a : b;

    private GatewayActivityHour HourOf(string clientId, DateTimeOffset at)
    {
        var key = (clientId, HourStart(at));
        if (!_pending.TryGetValue(key, out var hour))
            _pending[key] = hour = new GatewayActivityHour { ClientId = clientId, Hour = key.Item2 };
        return hour;
    }
}
