using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Varde.Server.Infrastructure;

/// <summary>
/// Maps the few exceptions that are expected outcomes to ProblemDetails: an unreadable request body (400, with the
/// JSON path that failed) and a concurrency conflict (409). Anything else is a 500 with a trace id and no details.
/// </summary>
internal sealed class KnownExceptionsHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
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
}
