namespace Varde.Server.Features.Fhir;

/// <summary>Absolute URLs of this server's FHIR base and resources, for Location, fullUrl and paging links.</summary>
public static class FhirPaths
{
    public static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";

    public static string Resource(HttpRequest request, string type, Guid id) => $"{Base(request)}/{type}/{id}";

    /// <summary>This search again with another page: the same parameters, and <c>_count</c>, <c>_offset</c> and the walk's <c>_asOf</c> set.</summary>
    public static string Page(HttpRequest request, string type, int offset, int count, DateTimeOffset? asOf = null)
    {
        var parameters = request.Query.Where(q => q.Key is not ("_offset" or "_count" or "_asOf"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new("_count", count.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Append(new("_offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (asOf is { } at)
            parameters = parameters.Append(new("_asOf", at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)));
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"{Base(request)}/{type}", parameters);
    }
}
