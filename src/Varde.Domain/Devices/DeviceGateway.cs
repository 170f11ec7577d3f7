using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Varde.Domain.Devices;

/// <summary>
/// A device gateway (or other integration) that sends readings for one follow-up service with OAuth2 client
/// credentials. Its secret is made here (256 random bits), shown once, and kept only as a SHA-256 hash. Rotating makes
/// a new secret and lets the ones before it work until the overlap ends, so the gateway can be changed over without a
/// gap; revoking ends every secret at once. A secret counts while <see cref="GatewaySecret.ValidAt"/>: tokens carry the
/// secret they were issued for and end with it (ADR 0024). Revoked, never deleted: its readings keep its client id.
/// </summary>
public sealed partial class DeviceGateway
{
    public const int MaxClientIdLength = 100;
    public const int MaxNameLength = 200;
    public static readonly TimeSpan LongestOverlap = TimeSpan.FromDays(30);

    private readonly List<GatewaySecret> _secrets = [];

    private DeviceGateway()
    {
        ClientId = "";
        Name = "";
        CreatedBy = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The OAuth2 client id the gateway sends (and the actor id its readings are recorded by).</summary>
    public string ClientId { get; private set; }

    /// <summary>What staff call it, e.g. "Omron-hub, Horten".</summary>
    public string Name { get; private set; }

    /// <summary>The follow-up service it sends for: it reaches that service's patients only.</summary>
    public Guid ServiceId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    /// <summary>Every secret it has had, the newest last (hashes only).</summary>
    public IReadOnlyList<GatewaySecret> Secrets => _secrets;

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Registers a gateway with a fresh secret; the secret is returned to be shown once and is not kept.</summary>
    public static Validated<(DeviceGateway Gateway, string Secret)> Register(Guid id, string? clientId, string? name, Guid serviceId, string createdBy,
        DateTimeOffset now)
    {
        var secret = NewSecret();
        var registered = RegisterWithSecret(id, clientId, name, serviceId, secret, createdBy, now);
        return registered.IsValid ? Validated<(DeviceGateway, string)>.Ok((registered.Value, secret)) : Validated<(DeviceGateway, string)>.Fail(registered.Errors);
    }

    /// <summary>
    /// Registers a gateway whose secret is already known (the demo's and the load generator's published ones, at least
    /// 16 characters). Everything else gets its secret from <see cref="Register"/>.
    /// </summary>
    public static Validated<DeviceGateway> RegisterWithSecret(Guid id, string? clientId, string? name, Guid serviceId, string secret, string createdBy,
        DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var cleanId = clientId?.Trim() ?? "";
        if (!ClientIdShape().IsMatch(cleanId))
            errors.Add(new("clientId", $"A client id is 3 to {MaxClientIdLength} characters: small letters a–z, digits, '.', '-' and '_', starting with a letter or digit."));
        var cleanName = name?.Trim() ?? "";
        if (cleanName.Length is 0 or > MaxNameLength)
            errors.Add(new("name", $"Name the gateway in 1 to {MaxNameLength} characters, so staff can tell it from others."));
        if (secret.Length < 16)
            errors.Add(new("secret", "A gateway secret has at least 16 characters."));
        if (errors.Count > 0)
            return Validated<DeviceGateway>.Fail(errors);
        var gateway = new DeviceGateway
        {
            Id = id,
            ClientId = cleanId,
            Name = cleanName,
            ServiceId = serviceId,
            CreatedAt = now.ToUniversalTime(),
            CreatedBy = createdBy,
        };
        gateway._secrets.Add(new GatewaySecret(Guid.CreateVersion7(now), Hash(secret), now.ToUniversalTime(), null));
        return Validated<DeviceGateway>.Ok(gateway);
    }

    /// <summary>
    /// Makes a new secret, valid from now, and lets every secret before it work until <paramref name="overlap"/> from now
    /// (or until its own earlier end); an overlap of zero ends them at once. Returns the new secret, to be shown once.
    /// </summary>
    public Validated<string> Rotate(TimeSpan overlap, DateTimeOffset now)
    {
        if (IsRevoked)
            return Validated<string>.Fail("id", "The gateway is revoked; register a new one.");
        if (overlap < TimeSpan.Zero || overlap > LongestOverlap)
            return Validated<string>.Fail("overlapHours", $"The overlap is 0 to {LongestOverlap.TotalHours:0} hours.");
        var end = (now + overlap).ToUniversalTime();
        for (var i = 0; i < _secrets.Count; i++)
        {
            if (_secrets[i].ValidUntil is not { } until || until > end)
                _secrets[i] = _secrets[i] with { ValidUntil = end };
        }

        var secret = NewSecret();
        _secrets.Add(new GatewaySecret(Guid.CreateVersion7(now), Hash(secret), now.ToUniversalTime(), null));
        return Validated<string>.Ok(secret);
    }

    /// <summary>Ends every secret and every token at once; revoking again keeps the first time.</summary>
    public bool Revoke(string revokedBy, DateTimeOffset now)
    {
        if (IsRevoked)
            return false;
        RevokedAt = now.ToUniversalTime();
        RevokedBy = revokedBy;
        return true;
    }

    /// <summary>The secret <paramref name="secret"/> is, when it counts at <paramref name="now"/>; null otherwise (also when revoked).</summary>
    public GatewaySecret? Accepts(string? secret, DateTimeOffset now)
    {
        if (IsRevoked || string.IsNullOrEmpty(secret))
            return null;
        var hash = Encoding.ASCII.GetBytes(Hash(secret));
        GatewaySecret? found = null;
        // Every stored hash is compared, in constant time each, so the time taken does not tell which one matched.
        foreach (var candidate in _secrets)
        {
            if (CryptographicOperations.FixedTimeEquals(hash, Encoding.ASCII.GetBytes(candidate.Hash)) && candidate.ValidAt(now))
                found = candidate;
        }

        return found;
    }

    /// <summary>Whether a token issued for secret <paramref name="secretId"/> still counts at <paramref name="now"/>.</summary>
    public bool Honours(Guid secretId, DateTimeOffset now)
    {
        // On every gateway request: a plain loop over a few secrets, nothing allocated.
        if (IsRevoked)
            return false;
        foreach (var secret in _secrets)
        {
            if (secret.Id == secretId)
                return secret.ValidAt(now);
        }

        return false;
    }

    /// <summary>SHA-256 of the secret, hex: enough for 256 random bits, which no one can guess or search.</summary>
    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string NewSecret() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,99}$")]
    private static partial Regex ClientIdShape();
}

/// <summary>One secret of a gateway: the hash, when it was made, and when it stops (null: until the next rotation or revocation).</summary>
public sealed record GatewaySecret(Guid Id, string Hash, DateTimeOffset CreatedAt, DateTimeOffset? ValidUntil)
{
    public bool ValidAt(DateTimeOffset now) => now >= CreatedAt && (ValidUntil is not { } until || now < until);
}
