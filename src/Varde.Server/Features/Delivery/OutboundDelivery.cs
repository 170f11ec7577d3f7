using System.Net.Http.Headers;

namespace Varde.Server.Features.Delivery;

/// <summary>What goes out to another system: a FHIR resource as JSON (a document or a batch Bundle) under an id, and a PDF of it when there is one.</summary>
public sealed record Outgoing(Guid Id, string FhirJson, byte[]? Pdf = null);

/// <summary>
/// The boundary to a system outside Varde: the patient's record (the GP's and the hospital's EHR) for journal notes,
/// the national services (Pasientens måledata through the welfare-technology hub) for readings. A real adapter (Norsk
/// Helsenett's PLO/dialogmelding, a DIPS or Infodoc integration, the hub's client) implements this: it gets what goes
/// out and answers whether the other side took it, with a status without personal data. Varde ships a folder
/// implementation (for an integration engine that picks files up) and an HTTP one (the resource POSTed to a FHIR
/// endpoint), chosen per use by its configuration section (<see cref="OutboundDeliveries"/>); see docs/fhir.md.
/// </summary>
public interface IOutboundDelivery
{
    Task<(bool Delivered, string Status)> DeliverAsync(Outgoing item, CancellationToken ct);
}

/// <summary>Writes <c>{id}.json</c> (and <c>{id}.pdf</c> when there is one) into the folder, each whole or not at all.</summary>
public sealed class FolderDelivery(string folder) : IOutboundDelivery
{
    public async Task<(bool Delivered, string Status)> DeliverAsync(Outgoing item, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(folder);
            if (item.Pdf is { } pdf)
                await WriteAsync(Path.Combine(folder, $"{item.Id}.pdf"), pdf, ct);
            // The JSON last: a reader that waits for the .json finds its PDF beside it.
            await WriteAsync(Path.Combine(folder, $"{item.Id}.json"), System.Text.Encoding.UTF8.GetBytes(item.FhirJson), ct);
            return (true, "file written");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (false, $"folder: {e.GetType().Name}");
        }
    }

    private static async Task WriteAsync(string path, byte[] bytes, CancellationToken ct)
    {
        var partial = path + ".partial";
        await File.WriteAllBytesAsync(partial, bytes, ct);
        File.Move(partial, path, overwrite: true);
    }
}

/// <summary>POSTs the resource as <c>application/fhir+json</c> to the URL, with the API key (when set) as a bearer token.</summary>
public sealed class HttpDelivery(HttpClient http, string url, string? apiKey) : IOutboundDelivery
{
    public async Task<(bool Delivered, string Status)> DeliverAsync(Outgoing item, CancellationToken ct)
    {
        using var content = new StringContent(item.FhirJson, System.Text.Encoding.UTF8, "application/fhir+json");
        using var post = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        if (apiKey is { Length: > 0 })
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        try
        {
            using var answer = await http.SendAsync(post, ct);
            return (answer.IsSuccessStatusCode, $"http {(int)answer.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            return (false, $"http unreachable ({e.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return (false, "http timeout");
        }
    }
}

/// <summary>
/// Registers the boundary configured under a section (<c>{section}:Folder</c>, or <c>{section}:Url</c> with
/// <c>{section}:ApiKey</c>) as the keyed <see cref="IOutboundDelivery"/> named by the section; neither set means none
/// (what would go out is kept, not sent).
/// </summary>
public static class OutboundDeliveries
{
    public static void AddOutboundDelivery(this IHostApplicationBuilder builder, string section)
    {
        var configuration = builder.Configuration;
        if (configuration[$"{section}:Folder"] is { Length: > 0 } folder)
        {
            builder.Services.AddKeyedSingleton<IOutboundDelivery>(section, new FolderDelivery(folder));
        }
        else if (configuration[$"{section}:Url"] is { Length: > 0 } url)
        {
            builder.Services.AddHttpClient(section, c => c.Timeout = TimeSpan.FromSeconds(30));
            builder.Services.AddKeyedSingleton<IOutboundDelivery>(section, (services, _) =>
                new HttpDelivery(services.GetRequiredService<IHttpClientFactory>().CreateClient(section), url, configuration[$"{section}:ApiKey"]));
        }
    }
}
