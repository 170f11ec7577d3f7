namespace Varde.TestIdentityProvider;

/// <summary>A person the stand-in provider can sign in: a staff member (with an HPR number) or a patient.</summary>
public sealed record TestPerson(string Name, string? Pid, string? HprNumber, string Description);

/// <summary>Which real provider a client of the stand-in talks to, and so which claims it gets.</summary>
public enum TestProviderKind
{
    /// <summary>HelseID: staff; claims <c>helseid://claims/...</c> with the HPR number and security level.</summary>
    HelseId,

    /// <summary>ID-porten: patients and relatives; claims <c>pid</c> and <c>acr</c>.</summary>
    IdPorten,
}

/// <summary>A client registered with the stand-in: its id, which provider it thinks it talks to, and its public key (private_key_jwt).</summary>
public sealed record TestClient(string ClientId, TestProviderKind Kind, Microsoft.IdentityModel.Tokens.JsonWebKey PublicKey);
