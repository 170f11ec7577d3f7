using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;

namespace Varde.Server.Features.Organisations;

/// <summary>What an administrative change of an organisation came to: stored, refused (field and message), or no such organisation.</summary>
public abstract record OrganisationOutcome
{
    public sealed record Stored(OrganisationResponse Organisation) : OrganisationOutcome;

    public sealed record Refused(IReadOnlyList<ValidationError> Errors) : OrganisationOutcome;

    public sealed record NotFound : OrganisationOutcome;

    public Results<Created<OrganisationResponse>, Ok<OrganisationResponse>, ValidationProblem, Microsoft.AspNetCore.Http.HttpResults.NotFound> ToHttp(bool created = false) => this switch
    {
        Stored s when created => TypedResults.Created($"/api/admin/organisations/{s.Organisation.Id}", s.Organisation),
        Stored s => TypedResults.Ok(s.Organisation),
        Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
        _ => TypedResults.NotFound(),
    };
}
