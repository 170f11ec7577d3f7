using System.Text;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Reads an uploaded CSV file as text (UTF-8; a byte-order mark is skipped), with a cap: null when the body is larger
/// than <see cref="Largest"/>, whether or not it said its length. The endpoint raises the server's body limit to match.
/// </summary>
public static class UploadedText
{
    /// <summary>The largest file taken (the whole of SSB's table 07459 for a year is about 3 MB).</summary>
    public const int Largest = 32 * 1024 * 1024;

    public static async Task<string?> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > Largest)
            return null;
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[64 * 1024];
        var text = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer, ct)) > 0)
        {
            text.Append(buffer, 0, read);
            if (text.Length > Largest)
                return null;
        }

        return text.ToString();
    }
}
