using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Varde.Data.Conventions;

/// <summary>Stores an immutable list as a JSON text column (portable between SQLite and PostgreSQL).</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static PropertyBuilder<IReadOnlyList<T>> AsJson<T>(this PropertyBuilder<IReadOnlyList<T>> property) =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => Read<T>(v),
            new ValueComparer<IReadOnlyList<T>>(
                (a, b) => a!.SequenceEqual(b!),
                v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)),
                v => v.ToList()));

    /// <summary>Reads a list as <see cref="AsJson{T}"/> stores it.</summary>
    public static List<T> Read<T>(string json) => JsonSerializer.Deserialize<List<T>>(json, Json) ?? [];

    /// <summary>Stores an immutable value object (a record) as a JSON text column.</summary>
    public static PropertyBuilder<T> AsJsonObject<T>(this PropertyBuilder<T> property)
        where T : class? =>
        property.HasConversion(
            v => JsonSerializer.Serialize(v, Json),
            v => JsonSerializer.Deserialize<T>(v, Json)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                v => v));
}
