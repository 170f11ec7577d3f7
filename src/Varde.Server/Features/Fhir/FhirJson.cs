using System.Buffers;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// FHIR JSON in and out with the Firely SDK: the strict parser for requests (unknown elements, wrong types and
/// invalid dates are errors; nesting deeper than 64 is refused), with plain Observations and bundles of them read
/// into the same model by <see cref="PlainObservationReader"/> first, <c>application/fhir+json</c> for responses. Bodies
/// larger than <see cref="MaxBodyBytes"/> answer 413; any other content type 415.
/// </summary>
public static class FhirJson
{
    public const string ContentType = "application/fhir+json";
    public const int MaxBodyBytes = 1_000_000;

    public static JsonSerializerOptions Strict { get; } = new JsonSerializerOptions { MaxDepth = 64 }
        .ForFhir(ModelInfo.ModelInspector).UsingMode(DeserializationMode.Strict);

    public static JsonSerializerOptions Output { get; } = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    public sealed record Parsed<T>(T? Resource, FhirResult? Problem)
        where T : Resource;

    /// <summary>Reads a request body as a resource of type <typeparamref name="T"/>, or the OperationOutcome that says why not.</summary>
    public static async Task<Parsed<T>> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : Resource
    {
        var mediaType = request.ContentType?.Split(';')[0].Trim();
        if (mediaType is not (ContentType or "application/json"))
            return new(null, FhirOutcome.Error(StatusCodes.Status415UnsupportedMediaType, OperationOutcome.IssueType.NotSupported,
                $"Send {ContentType} (or application/json); got '{request.ContentType}'."));
        if (request.ContentLength > MaxBodyBytes)
            return new(null, TooLarge());

        // The body is read into one pooled buffer of its announced length and parsed where it lies: a fresh 80 KB chunk and a
        // copy of the body were a fifth of a single POST's allocations, and a bundle's body (over 85 KB) was a new
        // large-object-heap array per request, kept until a full collection (B1's LOH). The resources parsed copy what they keep.
        // One byte more than announced, so a body of exactly the buffer's size ends without growing it; the body is wiped
        // before the buffer goes back to the pool (it holds patients' data).
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is > 0 and <= MaxBodyBytes ? (int)request.ContentLength.Value + 1 : 16 * 1024);
        var filled = 0;
        try
        {
            while (true)
            {
                if (filled == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBodyBytes + 1));
                    buffer.AsSpan(0, filled).CopyTo(larger);
                    buffer.AsSpan(0, filled).Clear();
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(filled), ct);
                if (read == 0)
                    break;
                filled += read;
                if (filled > MaxBodyBytes)
                    return new(null, TooLarge());
            }

            return Parse<T>(buffer.AsSpan(0, filled));
        }
        finally
        {
            buffer.AsSpan(0, Math.Min(filled, buffer.Length)).Clear();
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static Parsed<T> Parse<T>(ReadOnlySpan<byte> body)
        where T : Resource
    {
        // The Observations gateways send are read without the strict parser's reflection; anything else goes to it.
        if (PlainObservationReader.TryRead(body) is T plain)
            return new(plain, null);
        try
        {
            var resource = JsonSerializer.Deserialize<Resource>(body, Strict);
            return resource is T typed
                ? new(typed, null)
                : new(null, FhirOutcome.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                    $"Expected a {typeof(T).Name} resource; got {resource?.TypeName ?? "nothing"}."));
        }
        catch (DeserializationFailedException e)
        {
            return new(null, FhirOutcome.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                string.Join(" ", e.Exceptions.Select(x => x.Message).Take(5))));
        }
        catch (JsonException e)
        {
            return new(null, FhirOutcome.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure, "The body is not valid FHIR JSON: " + e.Message));
        }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException or FormatException or ArgumentException)
        {
            // The parser's answer to JSON that is not an object at all ([], 1, "text", null): the body is not a resource.
            return new(null, FhirOutcome.Error(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                $"The body must be one FHIR resource as a JSON object with a resourceType; it is not ({e.GetType().Name})."));
        }
    }

    private static FhirResult TooLarge() =>
        FhirOutcome.Error(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly, $"The body is larger than {MaxBodyBytes} bytes.");
}

/// <summary>A FHIR resource as the HTTP answer, with its status, Location and ETag where they apply.</summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK, string? location = null, Resource? body = null, bool minimal = false)
    : IResult
{
    public Resource Resource => resource;

    public int Status => status;

    public string? Location => location;

    /// <summary>The same answer as the client asked for it (<see cref="FhirPrefer"/>): without a body, or with an OperationOutcome instead of the resource.</summary>
    public FhirResult As(Resource? otherBody, bool withoutBody) => new(resource, status, location, otherBody, withoutBody);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var context = httpContext;
        context.Response.StatusCode = status;
        if (location is not null)
            context.Response.Headers.Location = location;
        if (resource.Meta?.VersionId is { } version)
        {
            context.Response.Headers.ETag = $"W/\"{version}\"";
            // The client has this version already: 304, no body.
            if (status == StatusCodes.Status200OK && HttpMethods.IsGet(context.Request.Method)
                && context.Request.Headers.IfNoneMatch.Any(v => v == context.Response.Headers.ETag.ToString() || v == $"\"{version}\""))
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
        }

        if (minimal)
            return;
        context.Response.ContentType = FhirJson.ContentType + "; charset=utf-8";
        if (body is null && status == StatusCodes.Status200OK && HttpMethods.IsGet(context.Request.Method) && FhirElements.Subset(context.Request, resource) is { } subset)
        {
            await context.Response.WriteAsync(subset.ToJsonString(), context.RequestAborted);
            return;
        }

        await JsonSerializer.SerializeAsync(context.Response.Body, body ?? resource, FhirJson.Output, context.RequestAborted);
    }
}
