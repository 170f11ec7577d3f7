using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;

namespace Varde.Server.Features.StaffMembers;

/// <summary>What an administrative change of a staff member came to: stored, refused (field and message), or no such staff member.</summary>
public abstract record StaffOutcome
{
    public sealed record Stored(StaffResponse Staff) : StaffOutcome;

    public sealed record Refused(IReadOnlyList<ValidationError> Errors) : StaffOutcome;

    public sealed record NotFound : StaffOutcome;

    public Results<Ok<StaffResponse>, ValidationProblem, Microsoft.AspNetCore.Http.HttpResults.NotFound> ToHttp() => this switch
    {
        Stored s => TypedResults.Ok(s.Staff),
        Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
        _ => TypedResults.NotFound(),
    };
}
