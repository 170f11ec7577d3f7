using System.Text.Json;
using System.Text.RegularExpressions;

namespace Varde.Domain.Integrations;

/// <summary>
/// A backend system of an organisation — the municipality's EHR for a follow-up service, a hospital department's EHR —
/// that reads Varde's FHIR API on its own, with no user (SMART Backend Services, ADR 0045). It authenticates with a
/// JWT signed by its private key (<c>private_key_jwt</c>); Varde keeps only the public keys (a JWKS), so there is no
/// shared secret to leak. It reads what its organisation's staff may read and never writes. Revoked, never deleted:
/// the access log keeps its client id.
/// </summary>
public sealed partial class BackendSystem
{
    public const int MaxClientIdLength = 100;
    public const int MaxNameLength = 200;
    public const int MaxKeys = 5;

    /// <summary>Members of a JWK that only a private key has: a JWKS holding one is refused, so a private key is never stored.</summary>
    private static readonly string[] PrivateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"];

    private BackendSystem()
    {
        ClientId = "";
        Name = "";
        Keys = "";
        CreatedBy = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The OAuth2 client id: the <c>iss</c> and <c>sub</c> of its signed JWTs, and its actor id in the access log.</summary>
    public string ClientId { get; private set; }

    /// <summary>What staff call it, e.g. "Gerica, Horten kommune".</summary>
    public string Name { get; private set; }

    /// <summary>The follow-up service or hospital department it acts for: it reads that organisation's patients only.</summary>
    public Guid OrganisationId { get; private set; }

    /// <summary>Its public keys as a JSON Web Key Set (<c>{"keys":[…]}</c>), RSA (2048 bits or more) or EC (P-256, P-384).</summary>
    public string Keys { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset? KeysChangedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    public static Validated<BackendSystem> Register(Guid id, string? clientId, string? name, Guid organisationId, string? keys, string createdBy,
        DateTimeOffset now)
    {
        var errors = new List<ValidationError>();
        var cleanId = clientId?.Trim() ?? "";
        if (!ClientIdShape().IsMatch(cleanId))
            errors.Add(new("clientId", $"A client id is 3 to {MaxClientIdLength} characters: small letters a–z, digits, '.', '-' and '_', starting with a letter or digit."));
        var cleanName = name?.Trim() ?? "";
        if (cleanName.Length is 0 or > MaxNameLength)
            errors.Add(new("name", $"Name the system in 1 to {MaxNameLength} characters, so staff can tell it from others."));
        var checkedKeys = CheckKeys(keys);
        errors.AddRange(checkedKeys.Errors);
        if (errors.Count > 0)
            return Validated<BackendSystem>.Fail(errors);
        return Validated<BackendSystem>.Ok(new BackendSystem
        {
            Id = id,
            ClientId = cleanId,
            Name = cleanName,
            OrganisationId = organisationId,
            Keys = checkedKeys.Value,
            CreatedAt = now.ToUniversalTime(),
            CreatedBy = createdBy,
        });
    }

    /// <summary>
    /// Replaces the public keys (a key rotation: register the new key beside the old one, let the system change over,
    /// then replace the set again without the old one). Assertions signed with a key no longer in the set are refused.
    /// </summary>
    public Validated<BackendSystem> ReplaceKeys(string? keys, DateTimeOffset now)
    {
        if (IsRevoked)
            return Validated<BackendSystem>.Fail("id", "The system is revoked; register it again under a new client id.");
        var checkedKeys = CheckKeys(keys);
        if (!checkedKeys.IsValid)
            return Validated<BackendSystem>.Fail(checkedKeys.Errors);
        Keys = checkedKeys.Value;
        KeysChangedAt = now.ToUniversalTime();
        return Validated<BackendSystem>.Ok(this);
    }

    /// <summary>Ends its access at once: no new token, and tokens already given stop counting. Revoking again keeps the first time.</summary>
    public bool Revoke(string revokedBy, DateTimeOffset now)
    {
        if (IsRevoked)
            return false;
        RevokedAt = now.ToUniversalTime();
        RevokedBy = revokedBy;
        return true;
    }

    /// <summary>
    /// A JWKS of 1 to <see cref="MaxKeys"/> public keys, each with a distinct <c>kid</c>, written back compactly (the
    /// members as given). What SMART Backend Services asks servers to accept: RS384 and ES384; RS256 and ES256 too.
    /// </summary>
    public static Validated<string> CheckKeys(string? keys)
    {
        const string field = "keys";
        if (string.IsNullOrWhiteSpace(keys))
            return Validated<string>.Fail(field, "Give the system's public keys as a JSON Web Key Set: {\"keys\":[{\"kty\":\"RSA\",\"kid\":…,\"n\":…,\"e\":…}]}.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(keys);
        }
        catch (JsonException)
        {
            return Validated<string>.Fail(field, "The keys are not JSON; give a JSON Web Key Set: {\"keys\":[…]}.");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("keys", out var list)
                || list.ValueKind != JsonValueKind.Array)
                return Validated<string>.Fail(field, "A JSON Web Key Set is an object with a \"keys\" array.");
            var count = list.GetArrayLength();
            if (count is 0 or > MaxKeys)
                return Validated<string>.Fail(field, $"Give 1 to {MaxKeys} keys (two while changing from one key to the next).");
            var errors = new List<ValidationError>();
            var kids = new HashSet<string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var key in list.EnumerateArray())
            {
                if (CheckKey(key, kids) is { } problem)
                    errors.Add(new(field, $"Key {index + 1}: {problem}"));
                index++;
            }

            return errors.Count > 0 ? Validated<string>.Fail(errors) : Validated<string>.Ok(JsonSerializer.Serialize(document.RootElement));
        }
    }

    private static string? CheckKey(JsonElement key, HashSet<string> kids)
    {
        if (key.ValueKind != JsonValueKind.Object)
            return "a key is a JSON object.";
        if (PrivateMembers.FirstOrDefault(m => key.TryGetProperty(m, out _)) is { } member)
            return $"it has the private member \"{member}\": register only the public key, never the private one.";
        if (Text(key, "kid") is not { Length: > 0 } kid)
            return "it needs a \"kid\" (the key id the system puts in its JWTs' header).";
        if (!kids.Add(kid))
            return $"the kid \"{kid}\" is used twice.";
        if (Text(key, "use") is { } use && use != "sig")
            return $"\"use\" is \"{use}\"; a key for signing JWTs has \"sig\".";
        var alg = Text(key, "alg");
        switch (Text(key, "kty"))
        {
            case "RSA":
                if (alg is not (null or "RS384" or "RS256"))
                    return $"alg {alg} is not accepted for an RSA key; RS384 or RS256.";
                if (Text(key, "e") is not { Length: > 0 } || Text(key, "n") is not { } modulus)
                    return "an RSA key needs \"n\" and \"e\".";
                return Base64UrlBytes(modulus) < 256 ? "the RSA key is shorter than 2048 bits." : null;
            case "EC":
                var curve = Text(key, "crv");
                if (curve is not ("P-256" or "P-384"))
                    return $"the curve {curve ?? "(none)"} is not accepted; P-384 (ES384) or P-256 (ES256).";
                if (alg is not null && alg != (curve == "P-384" ? "ES384" : "ES256"))
                    return $"alg {alg} does not go with the curve {curve}.";
                return Text(key, "x") is { Length: > 0 } && Text(key, "y") is { Length: > 0 } ? null : "an EC key needs \"x\" and \"y\".";
            default:
                return "kty must be RSA or EC.";
        }
    }

    private static string? Text(JsonElement key, string name) =>
        key.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>How many bytes a base64url value holds (without padding), leading zero bytes not counted.</summary>
    private static int Base64UrlBytes(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        try
        {
            var bytes = Convert.FromBase64String(padded);
            return bytes.SkipWhile(b => b == 0).Count();
        }
        catch (FormatException)
        {
            return 0;
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,99}$")]
    private static partial Regex ClientIdShape();
}
