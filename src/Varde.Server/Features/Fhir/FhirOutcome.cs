using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;

namespace Varde.Server.Features.Fhir;

/// <summary>Every FHIR error is an OperationOutcome with a plain diagnostic.</summary>
public static class FhirOutcome
{
    public static FhirResult Error(int status, OperationOutcome.IssueType type, string diagnostics) =>
        new(new OperationOutcome
        {
            Issue = [new OperationOutcome.IssueComponent { Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = diagnostics }],
        }, status);

    public static FhirResult NotFound(string what) => Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{what} is not found.");

    public static FhirResult Invalid(string diagnostics) => Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, diagnostics);

    /// <summary>Content that parses but cannot be used (unknown codes, units that do not convert): 422.</summary>
    public static FhirResult Unprocessable(string diagnostics) =>
        Error(StatusCodes.Status422UnprocessableEntity, OperationOutcome.IssueType.Processing, diagnostics);

    /// <summary>A JSON API handler's refusal (validation 422, not found 404, conflict 409) as an OperationOutcome.</summary>
    public static FhirResult FromRefusal(IResult refusal) => refusal switch
    {
        ValidationProblem invalid => Unprocessable(invalid.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => new ValidationError(e.Key, m)))),
        ProblemHttpResult problem => Error(problem.StatusCode, problem.StatusCode == 404 ? OperationOutcome.IssueType.NotFound : OperationOutcome.IssueType.Conflict,
            problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title ?? "Not stored."),
        _ => Error(StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception, "Unexpected result."),
    };

    public static FhirResult Unprocessable(IEnumerable<ValidationError> errors) =>
        new(new OperationOutcome
        {
            Issue = errors.Select(e => new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error,
                Code = OperationOutcome.IssueType.Processing,
                Diagnostics = e.Message,
                Expression = [e.Field],
            }).ToList(),
        }, StatusCodes.Status422UnprocessableEntity);
}
