using Hl7.Fhir.Model;
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
