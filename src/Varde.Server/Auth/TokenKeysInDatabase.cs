using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Varde.Data;
using Varde.Data.Identity;

namespace Varde.Server.Auth;

/// <summary>
/// With <c>Auth:KeyStore=database</c> (several nodes, ADR 0052): the token server's signing and encryption keys come
/// from the <c>token_keys</c> table, made by the first node that needs them, so a token one node issues is valid on
/// every node. The keys are read when the token server's options are first needed (the first token request or
/// check), after the database has been migrated at start. Two nodes making a key at once: the table's key keeps the
/// first, and the other node reads it.
/// </summary>
public sealed class TokenKeysInDatabase(IServiceScopeFactory scopes, TimeProvider clock) : IConfigureOptions<OpenIddictServerOptions>
{
    public const string Signing = "token-signing";
    public const string Encryption = "token-encryption";

    public void Configure(OpenIddictServerOptions options)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
        var rsa = RSA.Create();
        rsa.ImportFromPem(LoadOrCreate(db, Signing, () =>
        {
            using var fresh = RSA.Create(2048);
            return fresh.ExportRSAPrivateKeyPem();
        }));
        var secret = Convert.FromBase64String(LoadOrCreate(db, Encryption, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
        // What OpenIddict's AddSigningKey and AddEncryptionKey choose for these kinds of key.
        options.SigningCredentials.Add(new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(new SymmetricSecurityKey(secret), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private string LoadOrCreate(VardeDbContext db, string name, Func<string> create)
    {
        if (db.TokenKeys.AsNoTracking().SingleOrDefault(k => k.Name == name) is { } stored)
            return stored.Value;
        try
        {
            db.TokenKeys.Add(TokenKey.Create(name, create(), clock.GetUtcNow()));
            db.SaveChanges();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another node stored it first: use theirs.
            db.ChangeTracker.Clear();
        }

        return db.TokenKeys.AsNoTracking().Single(k => k.Name == name).Value;
    }
}
