using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;
using Varde.Domain.Integrations;

namespace Varde.Server.Features.BackendSystems;

/// <summary>A backend system as the administrator's API shows it: its public keys, the organisation it reads for, and whether it is revoked.</summary>
public sealed record BackendSystemResponse(Guid Id, string ClientId, string Name, Guid OrganisationId, string OrganisationName,
    System.Text.Json.JsonElement Keys, DateTimeOffset CreatedAt, DateTimeOffset? KeysChangedAt, bool Revoked, DateTimeOffset? RevokedAt)
{
    public static BackendSystemResponse From(BackendSystem b, string organisationName) =>
        new(b.Id, b.ClientId, b.Name, b.OrganisationId, organisationName, System.Text.Json.JsonDocument.Parse(b.Keys).RootElement.Clone(), b.CreatedAt,
            b.KeysChangedAt, b.IsRevoked, b.RevokedAt);
}

/// <summary>What an administrative change of a backend system came to: stored, refused (field and message), or no such system.</summary>
public abstract record BackendSystemOutcome
{
    public sealed record Stored(BackendSystemResponse System) : BackendSystemOutcome;

    public sealed record Refused(IReadOnlyList<ValidationError> Errors) : BackendSystemOutcome;

    public sealed record NotFound : BackendSystemOutcome;

    public Results<Created<BackendSystemResponse>, Ok<BackendSystemResponse>, ValidationProblem, Microsoft.AspNetCore.Http.HttpResults.NotFound> ToHttp(
        bool created = false) => this switch
    {
        Stored s when created => TypedResults.Created($"/api/admin/backend-systems/{s.System.Id}", s.System),
        Stored s => TypedResults.Ok(s.System),
        Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
        _ => TypedResults.NotFound(),
    };
}
