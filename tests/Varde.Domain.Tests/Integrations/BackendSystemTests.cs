using Varde.Domain.Integrations;

namespace Varde.Domain.Tests.Integrations;

public sealed class BackendSystemTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);

    // A 2048-bit modulus is 256 bytes: 342 base64url characters; 2047 bits and less are refused.
    private static readonly string Modulus2048 = Base64Url([0xC1, .. new byte[255]]);
    private static readonly string Modulus1024 = Base64Url([0xC1, .. new byte[127]]);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Rsa(string kid = "k1", string extra = "") => $$"""{"kty":"RSA","kid":"{{kid}}","n":"{{Modulus2048}}","e":"AQAB"{{extra}}}""";

    private static string Set(params string[] keys) => $$"""{"keys":[{{string.Join(",", keys)}}]}""";

    [Fact]
    public void Register_KeepsThePublicKeys_AndRevokeEndsIt()
    {
        var system = BackendSystem.Register(Guid.NewGuid(), " ehr.horten ", " Gerica Horten ", Guid.NewGuid(), Set(Rsa()), "admin", Now).Value;

        system.ClientId.ShouldBe("ehr.horten");
        system.Name.ShouldBe("Gerica Horten");
        system.Keys.ShouldContain(Modulus2048);
        system.Revoke("admin", Now.AddDays(1)).ShouldBeTrue();
        system.Revoke("other", Now.AddDays(2)).ShouldBeFalse();
        system.RevokedBy.ShouldBe("admin");
        system.ReplaceKeys(Set(Rsa("k2")), Now.AddDays(3)).Errors.ShouldHaveSingleItem().Field.ShouldBe("id");
    }

    [Fact]
    public void ReplaceKeys_TakesANewSet_ForARotation()
    {
        var system = BackendSystem.Register(Guid.NewGuid(), "ehr.horten", "Gerica", Guid.NewGuid(), Set(Rsa("old")), "admin", Now).Value;

        system.ReplaceKeys(Set(Rsa("old"), Rsa("new")), Now.AddDays(1)).IsValid.ShouldBeTrue();

        system.Keys.ShouldContain("\"new\"");
        system.KeysChangedAt.ShouldBe(Now.AddDays(1));
        system.ReplaceKeys("{}", Now.AddDays(2)).IsValid.ShouldBeFalse();
        system.Keys.ShouldContain("\"new\"", Case.Sensitive, "a refused set changes nothing");
    }

    public static TheoryData<string?, string> RefusedSets => new()
    {
        { null, "JSON Web Key Set" },
        { "not json", "not JSON" },
        { "[]", "\"keys\" array" },
        { Set(), "1 to 5 keys" },
        { Set(Rsa("a"), Rsa("b"), Rsa("c"), Rsa("d"), Rsa("e"), Rsa("f")), "1 to 5 keys" },
        { Set(Rsa(extra: ",\"d\":\"AAAA\"")), "private member \"d\"" },
        { Set(Rsa(extra: ",\"p\":\"AAAA\"")), "private member \"p\"" },
        { Set("""{"kty":"oct","kid":"s","k":"AAAA"}"""), "private member \"k\"" },
        { Set("""{"kty":"RSA","n":"AAAA","e":"AQAB"}"""), "needs a \"kid\"" },
        { Set(Rsa("same"), Rsa("same")), "used twice" },
        { Set(Rsa(extra: ",\"use\":\"enc\"")), "\"sig\"" },
        { Set(Rsa(extra: ",\"alg\":\"RS512\"")), "RS384 or RS256" },
        { Set($$"""{"kty":"RSA","kid":"short","n":"{{Modulus1024}}","e":"AQAB"}"""), "shorter than 2048 bits" },
        { Set("""{"kty":"RSA","kid":"k","e":"AQAB"}"""), "needs \"n\" and \"e\"" },
        { Set("""{"kty":"EC","kid":"e","crv":"P-521","x":"AA","y":"AA"}"""), "P-384" },
        { Set("""{"kty":"EC","kid":"e","crv":"P-384","x":"AA","y":"AA","alg":"ES256"}"""), "does not go with" },
        { Set("""{"kty":"EC","kid":"e","crv":"P-256","x":"AA"}"""), "needs \"x\" and \"y\"" },
        { Set("""{"kty":"OKP","kid":"e"}"""), "kty must be RSA or EC" },
    };

    [Theory]
    [MemberData(nameof(RefusedSets))]
    public void CheckKeys_RefusesWhatIsNotASetOfPublicSigningKeys(string? keys, string reason)
    {
        var checkedKeys = BackendSystem.CheckKeys(keys);

        checkedKeys.IsValid.ShouldBeFalse();
        checkedKeys.Errors.ShouldAllBe(e => e.Field == "keys");
        checkedKeys.Errors.ShouldContain(e => e.Message.Contains(reason), string.Join(" | ", checkedKeys.Errors.Select(e => e.Message)));
    }

    [Fact]
    public void CheckKeys_TakesRsaAndEcKeys_UpToFive()
    {
        var ec384 = """{"kty":"EC","kid":"e1","crv":"P-384","x":"AAAA","y":"AAAA","alg":"ES384","use":"sig"}""";
        var ec256 = """{"kty":"EC","kid":"e2","crv":"P-256","x":"AAAA","y":"AAAA"}""";

        BackendSystem.CheckKeys(Set(Rsa("r1", ",\"alg\":\"RS384\""), Rsa("r2"), ec384, ec256, Rsa("r3"))).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData(null, "Gerica", "clientId")]
    [InlineData("Ab", "Gerica", "clientId")]
    [InlineData("ehr.horten", "", "name")]
    public void Register_RefusesByField(string? clientId, string name, string field)
    {
        var registered = BackendSystem.Register(Guid.NewGuid(), clientId, name, Guid.NewGuid(), Set(Rsa()), "admin", Now);

        registered.Errors.Select(e => e.Field).ShouldBe([field]);
    }
}
