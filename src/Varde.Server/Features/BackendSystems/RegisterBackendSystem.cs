using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Domain.Integrations;
using Varde.Domain.Organisations;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.BackendSystems;

/// <summary>
/// POST /api/admin/backend-systems: an administrator registers a backend system for a follow-up service or a hospital
/// department, with its public keys (a JWKS). The system, its OpenIddict client (client credentials, authenticated only
/// by JWTs signed with those keys: it has no secret) and the audit entry are stored in one transaction.
/// </summary>
public sealed class RegisterBackendSystem(VardeDbContext db, IOpenIddictApplicationManager applications, AdminAudit audit, ListBackendSystems list,
    TimeProvider clock)
{
    public sealed record Request(string? ClientId, string? Name, Guid? OrganisationId, JsonElement? Keys);

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/backend-systems", async (Request request, ClaimsPrincipal user, RegisterBackendSystem slice, CancellationToken ct) =>
                (await slice.HandleAsync(request, user, ct)).ToHttp(created: true))
            .WithName(nameof(RegisterBackendSystem))
            .RequireAuthorization(Policies.Administer);

    public async Task<BackendSystemOutcome> HandleAsync(Request request, ClaimsPrincipal user, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var keys = request.Keys is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } given ? given.GetRawText() : null;
        var registered = BackendSystem.Register(Guid.CreateVersion7(now), request.ClientId, request.Name, request.OrganisationId ?? Guid.Empty, keys,
            Callers.From(user).ActorId, now);
        var errors = registered.Errors.ToList();
        var clientId = request.ClientId?.Trim() ?? "";
        if (errors.All(e => e.Field != "clientId") && await TakenAsync(clientId, ct))
            errors.Add(new("clientId", $"The client id {clientId} is taken."));
        if (request.OrganisationId is not { } organisationId || !await db.Organisations.AnyAsync(o => o.Id == organisationId
                && (o.Kind == OrganisationKind.FollowUpService || o.Kind == OrganisationKind.HospitalDepartment) && o.DeactivatedAt == null, ct))
            errors.Add(new("organisationId", "Choose the follow-up service or hospital department in use whose patients the system reads."));
        if (errors.Count > 0)
            return new BackendSystemOutcome.Refused(errors);

        var system = registered.Value;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.BackendSystems.Add(system);
            audit.Stage(user, AdminEntityKinds.BackendSystem, system.Id, AdminActions.Created, null, Snapshot(system));
            // OpenIddict's store saves the shared context here, with the system row and the audit entry.
            await applications.CreateAsync(Client(system), ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return new BackendSystemOutcome.Refused([new("clientId", $"The client id {clientId} is taken.")]);
        }

        return new BackendSystemOutcome.Stored((await list.OneAsync(system.Id, ct))!);
    }

    /// <summary>The OpenIddict client a backend system signs in as: client credentials only, no secret, its JWKS for <c>private_key_jwt</c>.</summary>
    public static OpenIddictApplicationDescriptor Client(BackendSystem system) => new()
    {
        ClientId = system.ClientId,
        ClientType = OpenIddictConstants.ClientTypes.Confidential,
        DisplayName = system.Name,
        JsonWebKeySet = new JsonWebKeySet(system.Keys),
        Permissions = { OpenIddictConstants.Permissions.Endpoints.Token, OpenIddictConstants.Permissions.GrantTypes.ClientCredentials },
    };

    /// <summary>What the audit log keeps of a backend system: the key ids (public keys are not secret, but the ids say enough).</summary>
    public static object Snapshot(BackendSystem b)
    {
        using var keys = JsonDocument.Parse(b.Keys);
        return new
        {
            b.ClientId, b.Name, b.OrganisationId,
            KeyIds = keys.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToArray(),
            b.RevokedAt,
        };
    }

    private async Task<bool> TakenAsync(string clientId, CancellationToken ct) =>
        await db.BackendSystems.AnyAsync(b => b.ClientId == clientId, ct) || await db.DeviceGateways.AnyAsync(g => g.ClientId == clientId, ct)
        || await applications.FindByClientIdAsync(clientId, ct) is not null;
}
