namespace Varde.Data;

/// <summary>
/// The installation's VAPID key pair (RFC 8292), base64url: the public key is given to browsers when they subscribe, the
/// private key signs each push. One row (<see cref="Id"/> 1); kept for good, since changing it voids every subscription.
/// </summary>
public sealed class WebPushKeys
{
    public const int SingleRow = 1;

    public int Id { get; set; } = SingleRow;

    public required string PublicKey { get; set; }

    public required string PrivateKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
