using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Varde.Server.Features.Video;

/// <summary>
/// The STUN and TURN servers a browser in a call may use (<c>Video:Stun</c>, <c>Video:Turn:Url</c>), as the page gives
/// them to <c>RTCPeerConnection</c>. TURN credentials are made per seat and expire (coturn's <c>use-auth-secret</c>: the
/// user name is the expiry time and a tag, the password its HMAC-SHA1 with <c>Video:Turn:Secret</c>), so no lasting
/// password is in any page. Nothing configured: no servers, which works on one network (and in the tests).
/// </summary>
public sealed class IceServers(IConfiguration configuration, TimeProvider clock)
{
    public string JsonFor(Guid seatId)
    {
        var servers = new List<object>();
        if (configuration["Video:Stun"] is { Length: > 0 } stun)
            servers.Add(new { urls = stun });
        if (configuration["Video:Turn:Url"] is { Length: > 0 } turn && configuration["Video:Turn:Secret"] is { Length: > 0 } secret)
        {
            var user = $"{(clock.GetUtcNow() + VideoSeats.TicketLife).ToUnixTimeSeconds()}:{seatId:N}";
#pragma warning disable CA5350 // The TURN REST API (coturn's use-auth-secret) defines the password as HMAC-SHA1; it is short-lived, not a stored hash.
            var password = Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(user)));
#pragma warning restore CA5350
            servers.Add(new { urls = turn, username = user, credential = password });
        }

        return JsonSerializer.Serialize(servers);
    }
}
