namespace Varde.Data.Identity;

/// <summary>
/// One of the keys Varde's token server signs or encrypts tokens with, kept in the database when
/// <c>Auth:KeyStore</c> is <c>database</c>, so every node signs and checks with the same keys (ADR 0052). Written once
/// by the first node that needs it; never changed.
/// </summary>
public sealed class TokenKey
{
    private TokenKey()
    {
        Name = "";
        Value = "";
    }

    /// <summary><c>token-signing</c> (an RSA private key, PEM) or <c>token-encryption</c> (32 random bytes, base64).</summary>
    public string Name { get; private set; }

    public string Value { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static TokenKey Create(string name, string value, DateTimeOffset createdAt) => new() { Name = name, Value = value, CreatedAt = createdAt.ToUniversalTime() };
}
