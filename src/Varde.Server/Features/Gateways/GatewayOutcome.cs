using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;

namespace Varde.Server.Features.Gateways;

/// <summary>What an administrative change of a gateway came to: stored (with the new secret, shown once, when one was made), refused, or no such gateway.</summary>
public abstract record GatewayOutcome
{
    /// <summary>The gateway, and the secret when this change made one: shown to the administrator once, stored only as a hash.</summary>
    public sealed record Shown(GatewayResponse Gateway, string? Secret);

    public sealed record Stored(Shown Answer) : GatewayOutcome;

    public sealed record Refused(IReadOnlyList<ValidationError> Errors) : GatewayOutcome;

    public sealed record NotFound : GatewayOutcome;

    public Results<Created<Shown>, Ok<Shown>, ValidationProblem, Microsoft.AspNetCore.Http.HttpResults.NotFound> ToHttp(bool created = false) => this switch
    {
        Stored s when created => TypedResults.Created($"/api/admin/gateways/{s.Answer.Gateway.Id}", s.Answer),
        Stored s => TypedResults.Ok(s.Answer),
        Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
        _ => TypedResults.NotFound(),
    };
}
