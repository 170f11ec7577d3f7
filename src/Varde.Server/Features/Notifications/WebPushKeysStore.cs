using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Features.Notifications;

/// <summary>
/// The installation's VAPID keys: from configuration (<c>Notifications:WebPush:PublicKey</c> and <c>PrivateKey</c>) when
/// given, else the pair stored in the database, made once at the first need (a P-256 key pair, base64url). Kept in
/// memory after the first look.
/// </summary>
public sealed class WebPushKeysStore(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Public, string Private)? _keys;

    /// <summary>Who the push services may contact about Varde's pushes (RFC 8292 "sub"): a mailto: or https: address.</summary>
    public string Subject => configuration["Notifications:WebPush:Subject"] ?? "mailto:drift@varde.invalid";

    public async Task<(string Public, string Private)> GetAsync(CancellationToken ct)
    {
        if (_keys is { } known)
            return known;
        await _gate.WaitAsync(ct);
        try
        {
            _keys ??= await LoadOrMakeAsync(ct);
            return _keys.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<(string, string)> LoadOrMakeAsync(CancellationToken ct)
    {
        if (configuration["Notifications:WebPush:PublicKey"] is { Length: > 0 } configuredPublic
            && configuration["Notifications:WebPush:PrivateKey"] is { Length: > 0 } configuredPrivate)
            return (configuredPublic, configuredPrivate);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
        if (await db.WebPushKeys.AsNoTracking().SingleOrDefaultAsync(ct) is { } stored)
            return (stored.PublicKey, stored.PrivateKey);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        var made = new WebPushKeys
        {
            PublicKey = Base64Url.EncodeToString([0x04, .. p.Q.X!, .. p.Q.Y!]), PrivateKey = Base64Url.EncodeToString(p.D!), CreatedAt = clock.GetUtcNow(),
        };
        db.WebPushKeys.Add(made);
        try
        {
            await db.SaveChangesAsync(ct);
            return (made.PublicKey, made.PrivateKey);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another server of the installation made them at the same moment: theirs are the ones.
            db.ChangeTracker.Clear();
            var theirs = await db.WebPushKeys.AsNoTracking().SingleAsync(ct);
            return (theirs.PublicKey, theirs.PrivateKey);
        }
    }
}
