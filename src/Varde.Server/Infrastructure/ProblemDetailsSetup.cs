using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace Varde.Server.Infrastructure;

/// <summary>
/// RFC 7807 errors on the JSON API, and one JSON style: camelCase, kebab-case enums; read strictly (issue 22): duplicate
/// keys, numbers as strings, numbers that do not fit and times without a zone are refused, never guessed at.
/// </summary>
public static class ProblemDetailsSetup
{
    public const string ProblemTypeBase = "https://varde.example/problems/";

    public static IHostApplicationBuilder AddVardeErrorsAndJson(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier));
        builder.Services.AddExceptionHandler<KnownExceptionsHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => Configure(o.SerializerOptions));
        return builder;
    }

    public static void Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.AllowDuplicateProperties = false;
        options.NumberHandling = JsonNumberHandling.Strict;
        options.Converters.Add(new StrictDateTimeOffsetConverter());
        options.Converters.Add(new StrictDecimalConverter());
    }
}
