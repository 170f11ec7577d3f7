using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;

namespace Varde.Server.Features.Settings;

/// <summary>What reading or changing a service's settings came to: the settings, refused (field and message), or no such service.</summary>
public abstract record ServiceSettingsOutcome
{
    public sealed record Found(ServiceSettingsResponse Settings) : ServiceSettingsOutcome;

    public sealed record Refused(IReadOnlyList<ValidationError> Errors) : ServiceSettingsOutcome;

    public sealed record NotFound : ServiceSettingsOutcome;

    public Results<Ok<ServiceSettingsResponse>, ValidationProblem, ProblemHttpResult> ToHttp() => this switch
    {
        Found f => TypedResults.Ok(f.Settings),
        Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such follow-up service",
            type: Infrastructure.ProblemDetailsSetup.ProblemTypeBase + "service-not-found"),
    };
}
