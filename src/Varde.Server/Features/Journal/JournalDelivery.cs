using System.Net.Http.Headers;
using Varde.Domain.Journal;

namespace Varde.Server.Features.Journal;

/// <summary>
/// The boundary to the patient's record (the GP's and the hospital's EHR). A real adapter (Norsk Helsenett's
/// PLO/dialogmelding, a DIPS or Infodoc integration) implements this: it gets the note's FHIR document and its PDF and
/// answers whether the record took it, with a status without personal data. Varde ships a folder implementation (for
/// an integration engine that picks files up) and an HTTP one (the document POSTed to a FHIR endpoint); see
/// docs/fhir.md "Journal notes".
/// </summary>
public interface IJournalDelivery
{
    Task<(bool Delivered, string Status)> DeliverAsync(JournalNote note, CancellationToken ct);
}

/// <summary>Writes <c>{note}.json</c> (the document Bundle) and <c>{note}.pdf</c> into <c>Journal:Delivery:Folder</c>, each whole or not at all.</summary>
public sealed class FolderJournalDelivery(string folder) : IJournalDelivery
{
    public async Task<(bool Delivered, string Status)> DeliverAsync(JournalNote note, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(folder);
            await WriteAsync(Path.Combine(folder, $"{note.Id}.pdf"), note.Pdf, ct);
            // The document last: a reader that waits for the .json finds its PDF beside it.
            await WriteAsync(Path.Combine(folder, $"{note.Id}.json"), System.Text.Encoding.UTF8.GetBytes(note.Document), ct);
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

/// <summary>POSTs the document Bundle as <c>application/fhir+json</c> to <c>Journal:Delivery:Url</c>, with <c>Journal:Delivery:ApiKey</c> as a bearer token.</summary>
public sealed class HttpJournalDelivery(HttpClient http, IConfiguration configuration) : IJournalDelivery
{
    public async Task<(bool Delivered, string Status)> DeliverAsync(JournalNote note, CancellationToken ct)
    {
        using var content = new StringContent(note.Document, System.Text.Encoding.UTF8, "application/fhir+json");
        using var post = new HttpRequestMessage(HttpMethod.Post, configuration["Journal:Delivery:Url"]) { Content = content };
        if (configuration["Journal:Delivery:ApiKey"] is { Length: > 0 } key)
            post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
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
