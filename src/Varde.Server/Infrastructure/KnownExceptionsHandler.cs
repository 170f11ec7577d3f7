using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Varde.Data;

namespace Varde.Server.Infrastructure;

/// <summary>
/// Maps the few exceptions that are expected outcomes to ProblemDetails: an unreadable request body (400, with the
/// JSON path that failed), a concurrency conflict (409), and a database that cannot take the request now (503 with
/// Retry-After, so a gateway knows to send again later; an OperationOutcome on FHIR). Anything else is a 500 with a
/// trace id and no details.
/// </summary>
internal sealed partial class KnownExceptionsHandler(IProblemDetailsService problems, ILogger<KnownExceptionsHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client is asked to wait before sending again while the database is unavailable.</summary>
    public const int RetryAfterSeconds = 30;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (DbErrors.IsUnavailable(exception))
        {
            // The exception's type and message (database and connection errors; no request data) for the operator.
            LogUnavailable(logger, exception.GetType().Name, exception.GetBaseException().GetType().Name, exception.GetBaseException().Message);
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            const string unavailable = "The database cannot take the request just now. Send it again later: a report sent again with the same client id is stored once.";
            if (httpContext.Request.Path.StartsWithSegments("/fhir"))
            {
                await Features.Fhir.FhirOutcome.Error(StatusCodes.Status503ServiceUnavailable, Hl7.Fhir.Model.OperationOutcome.IssueType.Transient, unavailable)
                    .ExecuteAsync(httpContext);
                return true;
            }

            httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return await problems.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = httpContext,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable, Type = ProblemDetailsSetup.ProblemTypeBase + "unavailable",
                    Title = "The service is unavailable for a moment", Detail = unavailable,
                },
                Exception = exception,
            });
        }

        var (status, code, title, detail) = exception switch
        {
            BadHttpRequestException { InnerException: UnacceptableValueException value } =>
                (400, "invalid-json", "The request body is not valid", $"Could not read the request body at {value.Path ?? "$"}: {value.Message.Split(" Path:")[0]}"),
            BadHttpRequestException { InnerException: JsonException json } =>
                (400, "invalid-json", "The request body is not valid", $"Could not read the request body at {json.Path ?? "$"}: check the value's type and format."),
            BadHttpRequestException bad => (bad.StatusCode, "bad-request", "The request is not valid", bad.Message),
            DbUpdateConcurrencyException => (409, "conflict", "The record was changed by someone else", "Reload and try again."),
            _ => (0, "", "", ""),
        };
        if (status == 0)
            return false;

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails { Status = status, Type = ProblemDetailsSetup.ProblemTypeBase + code, Title = title, Detail = detail },
            Exception = exception,
        });
    }

    [LoggerMessage(LogLevel.Warning, "Answered 503: the database cannot take requests now ({Type}: {InnerType}: {Message})")]
    private static partial void LogUnavailable(ILogger logger, string type, string innerType, string message);
}
