using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// <c>_elements</c>: the resources of a search (or a read) with only the named top-level elements, besides
/// <c>resourceType</c>, <c>id</c>, <c>meta</c> and the elements the resource must have (as the specification asks, so
/// the subset still parses) — a choice element by its name (<c>value</c> keeps <c>valueQuantity</c>) — and marked
/// <c>SUBSETTED</c> in <c>meta.tag</c>, so no client takes them for whole.
/// </summary>
public static class FhirElements
{
    public const string SubsettedSystem = "http://terminology.hl7.org/CodeSystem/v3-ObservationValue";

    /// <summary>The answer's JSON with the subset applied, or null when the request names no elements.</summary>
    public static JsonNode? Subset(HttpRequest request, Resource resource)
    {
        var names = request.Query["_elements"].SelectMany(v => v!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(n => n.Contains('.', StringComparison.Ordinal) ? n[(n.IndexOf('.', StringComparison.Ordinal) + 1)..] : n).ToHashSet();
        if (names.Count == 0)
            return null;
        var json = JsonSerializer.SerializeToNode(resource, FhirJson.Output)!;
        if (resource is Bundle)
        {
            foreach (var entry in json["entry"]?.AsArray() ?? [])
                if (entry?["search"]?["mode"]?.GetValue<string>() is null or "match" && entry?["resource"] is JsonObject found)
                    Keep(found, [.. names, .. Mandatory(found["resourceType"]?.GetValue<string>())]);
        }
        else
        {
            Keep(json.AsObject(), [.. names, .. Mandatory(resource.TypeName)]);
        }

        return json;
    }

    /// <summary>The top-level elements a resource type must have (minimum cardinality 1), from Firely's model.</summary>
    private static IEnumerable<string> Mandatory(string? type) =>
        type is not null && Hl7.Fhir.Model.ModelInfo.ModelInspector.FindClassMapping(type) is { } mapping
            ? mapping.PropertyMappings.Where(p => p.IsMandatoryElement).Select(p => p.Name)
            : [];

    private static void Keep(JsonObject resource, IReadOnlyCollection<string> names)
    {
        foreach (var property in resource.Select(p => p.Key).ToList())
        {
            var name = property.TrimStart('_');
            var kept = name is "resourceType" or "id" or "meta" || names.Contains(name)
                || names.Any(n => name.Length > n.Length && name.StartsWith(n, StringComparison.Ordinal) && char.IsUpper(name[n.Length]));
            if (!kept)
                resource.Remove(property);
        }

        var meta = resource["meta"] as JsonObject ?? [];
        resource["meta"] = meta;
        var tags = meta["tag"] as JsonArray ?? [];
        meta["tag"] = tags;
        tags.Add(new JsonObject { ["system"] = SubsettedSystem, ["code"] = "SUBSETTED" });
    }
}
