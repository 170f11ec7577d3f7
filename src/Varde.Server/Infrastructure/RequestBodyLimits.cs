using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Varde.Server.Auth;

namespace Varde.Server.Infrastructure;

/// <summary>
/// Request bodies on the JSON API (/api, /pasient/api) are at most <see cref="JsonBytes"/> (1 MB, like FHIR), unless
/// the endpoint says it takes more (<see cref="IRequestSizeLimitMetadata"/>: file imports, message photos). Larger
/// answers 413 as ProblemDetails before anything is read; a body without a declared length is cut at the limit by the
/// server.
/// </summary>
public static class RequestBodyLimits
{
    public const long JsonBytes = 1_000_000;

    public static void UseRequestBodyLimits(this WebApplication app) => app.Use(async (context, next) =>
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments(PatientAuth.BasePath + "/api"))
        {
            var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? JsonBytes;
            if (context.Request.ContentLength > limit)
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request body is too large",
                    detail: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A request body here can be at most {limit} bytes."), type: ProblemDetailsSetup.ProblemTypeBase + "too-large").ExecuteAsync(context);
                return;
            }

            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
                feature.MaxRequestBodySize = limit;
        }

        await next(context);
    });
}
