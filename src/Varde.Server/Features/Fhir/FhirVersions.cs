using Hl7.Fhir.Model;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Versions as Varde has them: a reading, a questionnaire response and a device are stored once and never change
/// (version 1 always), and an alert keeps only its current version. So vread
/// (<c>GET /fhir/{type}/{id}/_history/{vid}</c>) answers the resource when <c>vid</c> is its version and 404 otherwise —
/// which is what a bundle's <c>response.location</c> (<c>Observation/{id}/_history/1</c>) points at. A read with
/// <c>If-None-Match</c> naming the current version is 304 (<see cref="FhirResult"/>). The instance history
/// (<c>GET /fhir/{type}/{id}/_history</c>, which Medplum's <c>readHistory</c> asks for) is a <c>history</c> bundle of
/// that one version, or an empty one when <c>_since</c> is after it.
/// </summary>
public static class FhirVersions
{
    private static readonly string[] HistoryParameters = ["_since", "_count", "_format"];

    /// <summary>The instance history; <paramref name="read"/> is started only once the parameters are known to be good (never left running).</summary>
    public static async Task<FhirResult> HistoryAsync(Func<Task<FhirResult>> read, HttpRequest request, DateTimeOffset now)
    {
        if (request.Query.Keys.FirstOrDefault(k => !HistoryParameters.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"Parameter '{unknown}' is not supported on a history; supported: {string.Join(", ", HistoryParameters)}.");
        DateTimeOffset? since = null;
        if (request.Query["_since"].FirstOrDefault() is { } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed)
                || !sinceText.Contains('T', StringComparison.Ordinal))
                return FhirOutcome.Invalid($"_since must be an instant with a time zone (e.g. 2026-11-24T13:00:00+01:00), not '{sinceText}'.");
            since = parsed;
        }

        var result = await read();
        if (result.Status != StatusCodes.Status200OK)
            return result;
        var resource = result.Resource;
        var bundle = new Bundle { Type = Bundle.BundleType.History, Meta = new Meta { LastUpdated = now } };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{FhirPaths.Base(request)}/{resource.TypeName}/{resource.Id}/_history{request.QueryString}" });
        if (since is null || resource.Meta?.LastUpdated is not { } updated || updated >= since)
        {
            var first = resource.Meta?.VersionId is null or "1";
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{FhirPaths.Base(request)}/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Request = new Bundle.RequestComponent { Method = first ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT, Url = first ? resource.TypeName : $"{resource.TypeName}/{resource.Id}" },
                Response = new Bundle.ResponseComponent
                {
                    Status = first ? "201 Created" : "200 OK",
                    Location = $"{resource.TypeName}/{resource.Id}/_history/{resource.Meta?.VersionId ?? "1"}",
                    LastModified = resource.Meta?.LastUpdated,
                },
            });
        }

        bundle.Total = bundle.Entry.Count;
        return new FhirResult(bundle);
    }

    public static async Task<FhirResult> ReadAsync(Task<FhirResult> read, string type, string id, string versionId)
    {
        var result = await read;
        if (result.Status != StatusCodes.Status200OK || result.Resource.Meta?.VersionId == versionId)
            return result;
        return FhirOutcome.NotFound($"{type}/{id}/_history/{versionId} (Varde keeps only the current version, {result.Resource.Meta?.VersionId})");
    }
}

/// <summary>
/// The answer format: FHIR JSON only. A client that accepts nothing JSON (<c>Accept: application/fhir+xml</c>, or
/// <c>_format=xml</c>) gets 406 before anything is done, so a create is never stored and then answered in a form the
/// client cannot read.
/// </summary>
public static class FhirFormat
{
    /// <summary>Marks an endpoint that answers NDJSON (a bulk export's file): the JSON-only rule does not apply to it.</summary>
    public sealed record AnswersNdjson;

    public static RouteGroupBuilder RequireJsonAnswers(this RouteGroupBuilder fhir)
    {
        fhir.AddEndpointFilter(async (context, next) =>
            AcceptsJson(context.HttpContext.Request) || context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<AnswersNdjson>() is not null ? await next(context)
                : FhirOutcome.Error(StatusCodes.Status406NotAcceptable, OperationOutcome.IssueType.NotSupported,
                    "Varde answers in FHIR JSON only (application/fhir+json); XML is not served."));
        return fhir;
    }

    public static bool AcceptsJson(HttpRequest request)
    {
        if (request.Query["_format"].FirstOrDefault() is { Length: > 0 } format)
            return format is "json" or "application/json" or "application/fhir+json" or "application/json+fhir";
        var accept = request.GetTypedHeaders().Accept;
        return accept.Count == 0 || accept.Any(a => a.MediaType.Value is "*/*" or "application/*" or "application/json" or "application/fhir+json"
            or "application/json+fhir" || (a.Suffix.Value == "json" && a.Type.Value == "application"));
    }
}
