using System.Text.Json;
using Hl7.Fhir.Model;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Reads the plain Observations that devices and gateways send (alone, or as the POST entries of a transaction or
/// batch Bundle) straight into Firely's model, without the strict parser's reflection, which was a fifth of the
/// server's CPU for bundles (docs/benchmarks.md). The subset is small on purpose: the elements Varde maps (identifier,
/// status, category, code, subject, effectiveDateTime, device, valueQuantity, component, note) and the bundle's type,
/// fullUrl, request and resource. Anything else returns null — an element it does not know (id, meta, extensions,
/// `_element` forms), a null, an empty string, object or array, a property twice, a required element missing, a
/// bundle other than a transaction or batch, an entry that is not a POST of an Observation, a
/// number with an exponent, a value Firely's own primitive checks refuse, or malformed JSON — and the caller falls
/// back on the strict parser, which accepts or refuses it with its own messages. Where it returns a resource, it is
/// exactly the one the strict parser makes (tested on generated and mutated bodies in PlainObservationReaderTests).
/// </summary>
public static partial class PlainObservationReader
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 64 };

    /// <summary>The Observation or Bundle of Observations in <paramref name="json"/>, or null when it is not plain.</summary>
    public static Resource? TryRead(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject || !ResourceType(ref reader, out var type))
                return null;
            Resource? resource = type switch
            {
                "Observation" => Observation(ref reader),
                "Bundle" => Bundle(ref reader),
                _ => null,
            };
            // Nothing may follow the resource (the reader throws on anything but whitespace).
            return resource is not null && !reader.Read() ? resource : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // Malformed JSON, or a string GetString cannot decode (a lone surrogate escape, invalid UTF-8): the strict
            // parser says where.
            return null;
        }
    }

    // The first property must be resourceType (as every serialiser writes it).
    private static bool ResourceType(ref Utf8JsonReader reader, out string? type)
    {
        type = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals("resourceType"u8))
            return false;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            return false;
        type = reader.GetString();
        return true;
    }

    private static Bundle? Bundle(ref Utf8JsonReader reader)
    {
        var bundle = new Bundle();
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("type"u8))
            {
                if (!First(ref seen, 1) || Enum<Bundle.BundleType>(ref reader) is not { } type)
                    return null;
                bundle.TypeElement = type;
            }
            else if (reader.ValueTextEquals("entry"u8))
            {
                if (!First(ref seen, 2) || !Items(ref reader, bundle.Entry, Entry))
                    return null;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && bundle.Type is Hl7.Fhir.Model.Bundle.BundleType.Transaction or Hl7.Fhir.Model.Bundle.BundleType.Batch ? bundle : null;
    }

    private static Bundle.EntryComponent? Entry(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        var entry = new Bundle.EntryComponent();
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("fullUrl"u8))
            {
                if (!First(ref seen, 1) || Uri(ref reader) is not { } fullUrl)
                    return null;
                entry.FullUrlElement = fullUrl;
            }
            else if (reader.ValueTextEquals("resource"u8))
            {
                if (!First(ref seen, 2) || !reader.Read() || reader.TokenType != JsonTokenType.StartObject || !ResourceType(ref reader, out var type)
                    || type != "Observation" || Observation(ref reader) is not { } observation)
                    return null;
                entry.Resource = observation;
            }
            else if (reader.ValueTextEquals("request"u8))
            {
                if (!First(ref seen, 4) || Request(ref reader) is not { } request)
                    return null;
                entry.Request = request;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && entry.Resource is not null && entry.Request is not null ? entry : null;
    }

    private static Bundle.RequestComponent? Request(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return null;
        var request = new Bundle.RequestComponent();
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("method"u8))
            {
                if (!First(ref seen, 1) || Enum<Bundle.HTTPVerb>(ref reader) is not { } method)
                    return null;
                request.MethodElement = method;
            }
            else if (reader.ValueTextEquals("url"u8))
            {
                if (!First(ref seen, 2) || Uri(ref reader) is not { } url)
                    return null;
                request.UrlElement = url;
            }
            else if (reader.ValueTextEquals("ifNoneExist"u8))
            {
                if (!First(ref seen, 4) || String(ref reader) is not { } criterion)
                    return null;
                request.IfNoneExistElement = criterion;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && request.Method == Hl7.Fhir.Model.Bundle.HTTPVerb.POST && request.UrlElement is not null ? request : null;
    }

    private static Observation? Observation(ref Utf8JsonReader reader)
    {
        var o = new Observation();
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("identifier"u8))
            {
                if (!First(ref seen, 1) || !Items(ref reader, o.Identifier, Identifier))
                    return null;
            }
            else if (reader.ValueTextEquals("status"u8))
            {
                if (!First(ref seen, 2) || Enum<ObservationStatus>(ref reader) is not { } status)
                    return null;
                o.StatusElement = status;
            }
            else if (reader.ValueTextEquals("category"u8))
            {
                if (!First(ref seen, 4) || !Items(ref reader, o.Category, ConceptItem))
                    return null;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                if (!First(ref seen, 8) || Concept(ref reader, alreadyOpen: false) is not { } code)
                    return null;
                o.Code = code;
            }
            else if (reader.ValueTextEquals("subject"u8))
            {
                if (!First(ref seen, 16) || Reference(ref reader) is not { } subject)
                    return null;
                o.Subject = subject;
            }
            else if (reader.ValueTextEquals("effectiveDateTime"u8))
            {
                if (!First(ref seen, 32) || DateTime(ref reader) is not { } effective)
                    return null;
                o.Effective = effective;
            }
            else if (reader.ValueTextEquals("device"u8))
            {
                if (!First(ref seen, 64) || Reference(ref reader) is not { } device)
                    return null;
                o.Device = device;
            }
            else if (reader.ValueTextEquals("valueQuantity"u8))
            {
                if (!First(ref seen, 128) || Quantity(ref reader) is not { } value)
                    return null;
                o.Value = value;
            }
            else if (reader.ValueTextEquals("component"u8))
            {
                if (!First(ref seen, 256) || !Items(ref reader, o.Component, Component))
                    return null;
            }
            else if (reader.ValueTextEquals("note"u8))
            {
                if (!First(ref seen, 512) || !Items(ref reader, o.Note, Note))
                    return null;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && o.StatusElement is not null && o.Code is not null ? o : null;
    }

    private static Observation.ComponentComponent? Component(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        var component = new Observation.ComponentComponent();
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("code"u8))
            {
                if (!First(ref seen, 1) || Concept(ref reader, alreadyOpen: false) is not { } code)
                    return null;
                component.Code = code;
            }
            else if (reader.ValueTextEquals("valueQuantity"u8))
            {
                if (!First(ref seen, 2) || Quantity(ref reader) is not { } value)
                    return null;
                component.Value = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && component.Code is not null ? component : null;
    }

    private static Annotation? Note(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject || !NextProperty(ref reader) || !reader.ValueTextEquals("text"u8)
            || Primitive(ref reader, Markdown.IsValidValue) is not { } text || NextProperty(ref reader))
            return null;
        return reader.TokenType == JsonTokenType.EndObject ? new Annotation { Text = new Markdown(text) } : null;
    }
}
