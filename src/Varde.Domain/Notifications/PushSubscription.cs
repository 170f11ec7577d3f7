namespace Varde.Domain.Notifications;

/// <summary>
/// A browser's Web Push subscription for the patient app (RFC 8030/8291): the push service's endpoint and the browser's
/// keys (P-256 public key, 16-byte auth secret), registered by the patient's own session. Revoked when the patient turns
/// notifications off or the push service says it is gone (404/410); a browser that subscribes again replaces its row.
/// </summary>
public sealed class PushSubscription
{
    public const int MaxEndpointLength = 1000;

    private PushSubscription()
    {
        Endpoint = P256dh = Auth = "";
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public string Endpoint { get; private set; }

    /// <summary>The browser's public key, base64url (65 bytes uncompressed point).</summary>
    public string P256dh { get; private set; }

    /// <summary>The browser's auth secret, base64url (16 bytes).</summary>
    public string Auth { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static Validated<PushSubscription> Create(Guid id, Guid patientId, string? endpoint, string? p256dh, string? auth, DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        if (!Uri.TryCreate(endpoint?.Trim(), UriKind.Absolute, out var uri) || endpoint!.Length > MaxEndpointLength
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            errors.Add(new("endpoint", "The push endpoint is an https address (at most 1000 characters)."));
        if (Decoded(p256dh) is not { Length: 65 } key || key[0] != 4)
            errors.Add(new("keys.p256dh", "The browser's key is a P-256 public key (65 bytes, base64url)."));
        if (Decoded(auth) is not { Length: 16 })
            errors.Add(new("keys.auth", "The browser's auth secret is 16 bytes (base64url)."));
        return errors.Count > 0
            ? Validated<PushSubscription>.Fail(errors)
            : Validated<PushSubscription>.Ok(new()
            {
                Id = id, PatientId = patientId, Endpoint = endpoint!.Trim(), P256dh = p256dh!.Trim(), Auth = auth!.Trim(),
                CreatedAt = now.ToUniversalTime(),
            });
    }

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at.ToUniversalTime();

    private static byte[]? Decoded(string? base64Url)
    {
        if (string.IsNullOrWhiteSpace(base64Url))
            return null;
        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(base64Url.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
