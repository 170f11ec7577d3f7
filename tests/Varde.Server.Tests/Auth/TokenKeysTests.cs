using Varde.Server.Auth;

namespace Varde.Server.Tests.Auth;

public sealed class TokenKeysTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "varde-keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Keys_CreatedOnce_AreTheSameOnTheNextStartAndOwnerOnly()
    {
        var first = TokenKeys.SigningKey(_folder);
        var second = TokenKeys.SigningKey(_folder);

        second.Rsa.ExportParameters(false).Modulus.ShouldBe(first.Rsa.ExportParameters(false).Modulus);
        TokenKeys.EncryptionKey(_folder).Key.ShouldBe(TokenKeys.EncryptionKey(_folder).Key);
        if (!OperatingSystem.IsWindows())
            File.GetUnixFileMode(Path.Combine(_folder, "token-signing.pem")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        Directory.GetFiles(_folder).Length.ShouldBe(2);
    }

    [Fact]
    public async Task Keys_CreatedConcurrently_AllGetTheSameKey()
    {
        var keys = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => TokenKeys.EncryptionKey(_folder).Key)));

        keys.Select(Convert.ToBase64String).Distinct().ShouldHaveSingleItem();
        Directory.GetFiles(_folder).ShouldHaveSingleItem();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
