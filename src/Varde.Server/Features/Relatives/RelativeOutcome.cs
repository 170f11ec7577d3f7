using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Relatives;

/// <summary>What an invitation or a consent decision came to: stored (with a one-time code when one was made), refused (field and message), or not found.</summary>
public abstract record RelativeOutcome
{
    public sealed record Stored(RelativeResponse Relative, string? Code) : RelativeOutcome;

    public sealed record Refused(IReadOnlyList<ValidationError> Errors) : RelativeOutcome;

    /// <summary>No such patient the caller may reach, or no such relative of hers: one answer, so nothing is revealed.</summary>
    public sealed record NotFound(Guid PatientId) : RelativeOutcome;

    /// <summary>The answer's body: the relative, and the code when one was made (shown this once).</summary>
    public sealed record Body(RelativeResponse Relative, string? Code);

    public Results<Created<Body>, Ok<Body>, ValidationProblem, ProblemHttpResult> ToHttp(bool created = false) => this switch
    {
        Stored s when created => TypedResults.Created($"/api/patients/{s.Relative.PatientId}/relatives/{s.Relative.Id}", new Body(s.Relative, s.Code)),
        Stored s => TypedResults.Ok(new Body(s.Relative, s.Code)),
        Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
        NotFound n => PatientProblems.NotFound(n.PatientId),
        _ => throw new InvalidOperationException(),
    };
}
