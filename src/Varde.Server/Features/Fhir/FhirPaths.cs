namespace Varde.Server.Features.Fhir;

/// <summary>Absolute URLs of this server's FHIR base and resources, for Location, fullUrl and paging links.</summary>
public static class FhirPaths
{
    public static string Base(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/fhir";

    public static string Resource(HttpRequest request, string type, Guid id) => $"{Base(request)}/{type}/{id}";
}
