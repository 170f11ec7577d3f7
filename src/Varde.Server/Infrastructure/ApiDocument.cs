using System.IO.Compression;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Varde.Server.Infrastructure;

/// <summary>
/// The JSON API described for integrators (issue 20 item 8): ASP.NET Core's OpenAPI document of every <c>/api</c> and
/// <c>/pasient/api</c> endpoint at <c>/openapi/v1.json</c>, and a reference page at <c>/openapi</c> (Scalar, served
/// from the package, no CDN). Each operation's summary is its endpoint name in words and its description the slice's
/// own documentation comment (the class that maps it), so the document says what the code says; the response types come
/// from the handlers' typed results. The FHIR API is described by its CapabilityStatement (<c>/fhir/metadata</c>).
/// </summary>
public static partial class ApiDocument
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/openapi";

    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = d => d.RelativePath is { } path
                && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("pasient/api/", StringComparison.Ordinal));
            // Slices name their bodies Request and Response: the schema takes the slice's name too (GetPlanResponse).
            options.CreateSchemaReferenceId = type => Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type) is { } id && type.Type.DeclaringType is { } slice
                && !type.Type.IsGenericType ? slice.Name + id : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Varde API",
                    Version = "v1",
                    Description = "The JSON API of Varde, digital home follow-up. Staff clients and integrations use a bearer token from "
                        + "/connect/token; the patient app uses its sign-in cookie. Errors are RFC 9457 problem details. The FHIR R4 API "
                        + "is described at /fhir/metadata and in docs/fhir.md.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "An access token from POST /connect/token.",
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                var name = metadata.OfType<IEndpointNameMetadata>().FirstOrDefault()?.EndpointName;
                if (string.IsNullOrEmpty(operation.Summary) && name is not null)
                    operation.Summary = Words(name);
                if (string.IsNullOrEmpty(operation.Description) && metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler)
                    operation.Description = SliceDocs.Value.GetValueOrDefault(SliceOf(handler).FullName ?? "");
                if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>
    /// The document, and the reference page: Varde's own page with Scalar's script from the package (its own page runs an
    /// inline script, which Varde's Content-Security-Policy forbids) and <c>api-reference.js</c>, which starts it on the document.
    /// </summary>
    public static WebApplication MapApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous().WithName("OpenApiDocument");
        app.MapGet(ReferencePath, () => TypedResults.Content(ReferencePage, "text/html; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(ReferencePath + "/scalar.js", (HttpRequest request, HttpResponse response) =>
        {
            // The package keeps the script gzipped: sent as it is to a browser that takes gzip, unpacked for any other.
            var packed = typeof(ScalarOptions).Assembly.GetManifestResourceStream("ScalarStaticAssets.scalar.js")!;
            response.Headers.CacheControl = "public, max-age=86400";
            response.Headers.Vary = "Accept-Encoding";
            if (request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
            {
                response.Headers.ContentEncoding = "gzip";
                return TypedResults.Stream(packed, "text/javascript");
            }

            return TypedResults.Stream(new GZipStream(packed, CompressionMode.Decompress), "text/javascript");
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private const string ReferencePage = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1">
          <title>Varde API</title>
        </head>
        <body>
          <main id="reference"></main>
          <script src="/openapi/scalar.js"></script>
          <script src="/api-reference.js"></script>
        </body>
        </html>
        """;

    /// <summary>The class whose code maps the endpoint: a lambda's compiler-made closure class is nested in it.</summary>
    private static Type SliceOf(MethodInfo handler)
    {
        var type = handler.DeclaringType!;
        while (type.DeclaringType is { } outer && type.GetCustomAttribute<CompilerGeneratedAttribute>() is not null)
            type = outer;
        return type;
    }

    /// <summary>"GetPlan" → "Get plan"; "SearchFhirCarePlans" → "Search fhir care plans".</summary>
    private static string Words(string name) => CapitalLetter().Replace(name, m => " " + m.Value.ToLowerInvariant()).Trim() is { Length: > 0 } words
        ? char.ToUpperInvariant(words[0]) + words[1..]
        : name;

    /// <summary>Every type's documentation summary in Varde.Server.xml (built beside the assembly), as plain text.</summary>
    private static readonly Lazy<Dictionary<string, string>> SliceDocs = new(() =>
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Varde.Server.xml");
        if (!File.Exists(file))
            return [];
        return XDocument.Load(file).Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("T:", StringComparison.Ordinal) == true && m.Element("summary") is not null)
            .ToDictionary(m => ((string)m.Attribute("name")!)[2..], m => Plain(m.Element("summary")!));
    });

    private static string Plain(XElement summary)
    {
        foreach (var reference in summary.Descendants().Where(e => e.Name == "see" || e.Name == "paramref").ToList())
        {
            var target = (string?)reference.Attribute("cref") ?? (string?)reference.Attribute("name") ?? "";
            reference.ReplaceWith(target[(target.LastIndexOfAny([':', '.']) + 1)..]);
        }

        return Spaces().Replace(summary.Value, " ").Trim();
    }

    [GeneratedRegex("[A-Z]")]
    private static partial Regex CapitalLetter();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
