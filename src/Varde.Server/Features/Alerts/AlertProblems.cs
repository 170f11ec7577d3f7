using Microsoft.AspNetCore.Http.HttpResults;

namespace Varde.Server.Features.Alerts;

/// <summary>The problem answers of the alert endpoints.</summary>
public static class AlertProblems
{
    public static ProblemHttpResult NotFound(Guid alertId) =>
        TypedResults.Problem($"No alert {alertId} that you can see.", statusCode: StatusCodes.Status404NotFound, title: "Alert not found",
            type: "https://varde.no/problems/alert-not-found");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "The alert was changed by someone else",
            type: "https://varde.no/problems/alert-conflict");

    public static ProblemHttpResult ServiceNotFound(Guid serviceId) =>
        TypedResults.Problem($"No follow-up service {serviceId} that you work for.", statusCode: StatusCodes.Status404NotFound,
            title: "Service not found", type: "https://varde.no/problems/service-not-found");
}
