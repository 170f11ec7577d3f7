using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.BackendSystems;

/// <summary>
/// PUT /api/admin/backend-systems/{id}/keys replaces a backend system's public keys (a key rotation: the next token
/// request must be signed with a key in the new set); POST /api/admin/backend-systems/{id}/revoke ends its access: its
/// OpenIddict client is deleted (no new token) and its tokens stop at their next request
/// (<see cref="ActiveBackendSystemCheck"/>). The row stays: the access log keeps its client id.
/// </summary>
public sealed class ChangeBackendSystem(VardeDbContext db, IOpenIddictApplicationManager applications, AdminAudit audit, ListBackendSystems list,
    TimeProvider clock)
{
    public sealed record KeysRequest(JsonElement? Keys);

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPut("/backend-systems/{id:guid}/keys", async (Guid id, KeysRequest request, ClaimsPrincipal user, ChangeBackendSystem slice, CancellationToken ct) =>
                (await slice.ReplaceKeysAsync(id, request, user, ct)).ToHttp())
            .WithName("ReplaceBackendSystemKeys")
            .RequireAuthorization(Policies.Administer);
        admin.MapPost("/backend-systems/{id:guid}/revoke", async (Guid id, ClaimsPrincipal user, ChangeBackendSystem slice, CancellationToken ct) =>
                (await slice.RevokeAsync(id, user, ct)).ToHttp())
            .WithName("RevokeBackendSystem")
            .RequireAuthorization(Policies.Administer);
    }

    public async Task<BackendSystemOutcome> ReplaceKeysAsync(Guid id, KeysRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var system = await db.BackendSystems.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (system is null)
            return new BackendSystemOutcome.NotFound();
        var before = RegisterBackendSystem.Snapshot(system);
        var keys = request.Keys is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given ? given.GetRawText() : null;
        var replaced = system.ReplaceKeys(keys, clock.GetUtcNow());
        if (!replaced.IsValid)
            return new BackendSystemOutcome.Refused(replaced.Errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        audit.Stage(user, AdminEntityKinds.BackendSystem, id, AdminActions.KeysReplaced, before, RegisterBackendSystem.Snapshot(system));
        var client = await applications.FindByClientIdAsync(system.ClientId, ct) ?? throw new InvalidOperationException("The system's client is missing.");
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, client, ct);
        descriptor.JsonWebKeySet = new JsonWebKeySet(system.Keys);
        await applications.UpdateAsync(client, descriptor, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new BackendSystemOutcome.Stored((await list.OneAsync(id, ct))!);
    }

    public async Task<BackendSystemOutcome> RevokeAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var system = await db.BackendSystems.SingleOrDefaultAsync(b => b.Id == id, ct);
        if (system is null)
            return new BackendSystemOutcome.NotFound();
        var before = RegisterBackendSystem.Snapshot(system);
        if (system.Revoke(Callers.From(user).ActorId, clock.GetUtcNow()))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            audit.Stage(user, AdminEntityKinds.BackendSystem, id, AdminActions.Revoked, before, RegisterBackendSystem.Snapshot(system));
            if (await applications.FindByClientIdAsync(system.ClientId, ct) is { } client)
                await applications.DeleteAsync(client, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        return new BackendSystemOutcome.Stored((await list.OneAsync(id, ct))!);
    }
}
