namespace Varde.Domain.Integrations;

/// <summary>
/// A backend system's signed JWT that has been used for a token (its <c>jti</c>), kept until it expires so the same
/// JWT is refused a second time (SMART Backend Services: the server must not accept a replayed assertion). A unique
/// key on (client id, jti) makes that hold across server nodes.
/// </summary>
public sealed class UsedClientAssertion
{
    public const int MaxJtiLength = 200;

    private UsedClientAssertion()
    {
        ClientId = "";
        Jti = "";
    }

    public UsedClientAssertion(string clientId, string jti, DateTimeOffset expiresAt)
    {
        ClientId = clientId;
        Jti = jti;
        ExpiresAt = expiresAt.ToUniversalTime();
    }

    public string ClientId { get; private set; }

    public string Jti { get; private set; }

    /// <summary>When the JWT expires; after that it is refused for its age, and the row can go.</summary>
    public DateTimeOffset ExpiresAt { get; private set; }
}
