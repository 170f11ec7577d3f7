using Hl7.Fhir.Model;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// The <c>Prefer: return=…</c> header on creates and bundles (FHIR R4 §3.1.0.8): <c>representation</c> (the default)
/// answers with the stored resource, <c>minimal</c> with no body (status, Location and ETag only), and
/// <c>OperationOutcome</c> with an OperationOutcome saying what happened. In a bundle it applies to each entry's answer.
/// Refusals always carry their OperationOutcome.
/// </summary>
public static class FhirPrefer
{
    public enum Return
    {
        Representation,
        Minimal,
        OperationOutcome,
    }

    public static Return Of(HttpRequest request)
    {
        foreach (var value in request.Headers["Prefer"])
        {
            foreach (var part in (value ?? "").Split([',', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (part.Equals("return=minimal", StringComparison.OrdinalIgnoreCase))
                    return Return.Minimal;
                if (part.Equals("return=OperationOutcome", StringComparison.OrdinalIgnoreCase))
                    return Return.OperationOutcome;
            }
        }

        return Return.Representation;
    }

    /// <summary>A create's answer as the client prefers it.</summary>
    public static FhirResult Apply(FhirResult result, HttpRequest request) => result.Status >= 400 ? result : Of(request) switch
    {
        Return.Minimal => result.As(null, withoutBody: true),
        Return.OperationOutcome => result.As(Outcome(result), withoutBody: false),
        _ => result,
    };

    /// <summary>An informational OperationOutcome for a stored (201) or resent (200) resource.</summary>
    public static OperationOutcome Outcome(FhirResult result) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Information,
                Code = OperationOutcome.IssueType.Informational,
                Diagnostics = result.Status == StatusCodes.Status201Created
                    ? $"Stored as {result.Resource.TypeName}/{result.Resource.Id}."
                    : $"Already stored as {result.Resource.TypeName}/{result.Resource.Id}; nothing new was stored.",
            },
        ],
    };
}
