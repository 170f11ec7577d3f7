using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Varde.Server.Auth;

/// <summary>
/// The keys OpenIddict signs and encrypts tokens with, kept as files in a key folder (by default
/// <c>./varde-data/keys/</c>) so tokens stay valid across restarts and for every instance sharing the folder. Created on
/// first start with owner-only permissions; a second process starting at the same time reads what the first wrote.
/// </summary>
public static class TokenKeys
{
    public static RsaSecurityKey SigningKey(string folder) => new(LoadOrCreateRsa(Path.Combine(folder, "token-signing.pem")));

    public static SymmetricSecurityKey EncryptionKey(string folder) =>
        new(LoadOrCreate(Path.Combine(folder, "token-encryption.key"), () => RandomNumberGenerator.GetBytes(32)));

    private static RSA LoadOrCreateRsa(string path)
    {
        var pem = LoadOrCreate(path, () =>
        {
            using var fresh = RSA.Create(2048);
            return System.Text.Encoding.ASCII.GetBytes(fresh.ExportRSAPrivateKeyPem());
        });
        var rsa = RSA.Create();
        rsa.ImportFromPem(System.Text.Encoding.ASCII.GetString(pem));
        return rsa;
    }

    /// <summary>
    /// Reads the key file, or creates it under an exclusive lock file so that concurrent starts (threads or processes)
    /// all end up with the one key the first of them wrote. The file is written to a temporary name and moved into place,
    /// so a reader never sees half a key.
    /// </summary>
    private static byte[] LoadOrCreate(string path, Func<byte[]> create)
    {
        // The key folder (and a data folder made with it) is Varde's user's alone.
        Infrastructure.OwnerOnlyFolder.Create(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
            return File.ReadAllBytes(path);

        using var exclusive = AcquireLock(path + ".lock");
        if (File.Exists(path))
            return File.ReadAllBytes(path);

        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            var bytes = create();
            using (var file = new FileStream(temporary, options))
                file.Write(bytes);
            File.Move(temporary, path, overwrite: false);
            return bytes;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // Another start holds the lock for the few milliseconds it takes to write a key; wait up to about 30 s.
    private static FileStream AcquireLock(string lockPath)
    {
        const int tries = 3000;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException) when (attempt < tries)
            {
                Thread.Sleep(10);
            }
        }
    }
}
