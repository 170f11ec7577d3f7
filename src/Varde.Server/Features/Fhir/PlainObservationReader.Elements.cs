using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Utility;

namespace Varde.Server.Features.Fhir;

/// <summary>The data types and primitives of <see cref="PlainObservationReader"/>'s subset, and its reading steps.</summary>
public static partial class PlainObservationReader
{
    private static Identifier? Identifier(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        var identifier = new Identifier();
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("system"u8))
            {
                if (!First(ref seen, 1) || Uri(ref reader) is not { } system)
                    return null;
                identifier.SystemElement = system;
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                if (!First(ref seen, 2) || String(ref reader) is not { } value)
                    return null;
                identifier.ValueElement = value;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && seen != 0 ? identifier : null;
    }

    // A CodeableConcept; alreadyOpen when the reader stands on its StartObject (an array's item).
    private static CodeableConcept? Concept(ref Utf8JsonReader reader, bool alreadyOpen)
    {
        if (!alreadyOpen && !reader.Read())
            return null;
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        var concept = new CodeableConcept();
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("coding"u8))
            {
                if (!First(ref seen, 1) || !Items(ref reader, concept.Coding, Coding))
                    return null;
            }
            else if (reader.ValueTextEquals("text"u8))
            {
                if (!First(ref seen, 2) || String(ref reader) is not { } text)
                    return null;
                concept.TextElement = text;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && seen != 0 ? concept : null;
    }

    private static Coding? Coding(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            return null;
        var coding = new Coding();
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("system"u8))
            {
                if (!First(ref seen, 1) || Uri(ref reader) is not { } system)
                    return null;
                coding.SystemElement = system;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                if (!First(ref seen, 2) || Primitive(ref reader, Code.IsValidValue) is not { } code)
                    return null;
                coding.CodeElement = new Code(code);
            }
            else if (reader.ValueTextEquals("display"u8))
            {
                if (!First(ref seen, 4) || String(ref reader) is not { } display)
                    return null;
                coding.DisplayElement = display;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && seen != 0 ? coding : null;
    }

    private static ResourceReference? Reference(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return null;
        var reference = new ResourceReference();
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("reference"u8))
            {
                if (!First(ref seen, 1) || String(ref reader) is not { } target)
                    return null;
                reference.ReferenceElement = target;
            }
            else if (reader.ValueTextEquals("identifier"u8))
            {
                if (!First(ref seen, 2) || !reader.Read() || Identifier(ref reader) is not { } identifier)
                    return null;
                reference.Identifier = identifier;
            }
            else if (reader.ValueTextEquals("display"u8))
            {
                if (!First(ref seen, 4) || String(ref reader) is not { } display)
                    return null;
                reference.DisplayElement = display;
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && seen != 0 ? reference : null;
    }

    private static Quantity? Quantity(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return null;
        var quantity = new Quantity();
        var seen = 0;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("value"u8))
            {
                if (!First(ref seen, 1) || Decimal(ref reader) is not { } value)
                    return null;
                quantity.ValueElement = new FhirDecimal(value);
            }
            else if (reader.ValueTextEquals("unit"u8))
            {
                if (!First(ref seen, 2) || String(ref reader) is not { } unit)
                    return null;
                quantity.UnitElement = unit;
            }
            else if (reader.ValueTextEquals("system"u8))
            {
                if (!First(ref seen, 4) || Uri(ref reader) is not { } system)
                    return null;
                quantity.SystemElement = system;
            }
            else if (reader.ValueTextEquals("code"u8))
            {
                if (!First(ref seen, 8) || Primitive(ref reader, Code.IsValidValue) is not { } code)
                    return null;
                quantity.CodeElement = new Code(code);
            }
            else
            {
                return null;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject && seen != 0 ? quantity : null;
    }

    // A plain decimal number (no exponent: how Firely reads those is not this reader's business).
    private static decimal? Decimal(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || reader.HasValueSequence)
            return null;
        foreach (var b in reader.ValueSpan)
        {
            if (b is (byte)'e' or (byte)'E' or (byte)'+')
                return null;
        }

        return reader.TryGetDecimal(out var value) ? value : null;
    }

    private static FhirString? String(ref Utf8JsonReader reader) =>
        Primitive(ref reader, FhirString.IsValidValue) is { } value ? new FhirString(value) : null;

    private static FhirUri? Uri(ref Utf8JsonReader reader) =>
        Primitive(ref reader, FhirUri.IsValidValue) is { } value ? new FhirUri(value) : null;

    private static FhirDateTime? DateTime(ref Utf8JsonReader reader) =>
        Primitive(ref reader, FhirDateTime.IsValidValue) is { } value ? new FhirDateTime(value) : null;

    private static Code<TEnum>? Enum<TEnum>(ref Utf8JsonReader reader)
        where TEnum : struct, Enum =>
        Primitive(ref reader, Code.IsValidValue) is { } literal && EnumUtility.ParseLiteral<TEnum>(literal) is { } value ? new Code<TEnum>(value) : null;

    // A JSON string that is not empty and passes Firely's own check for the FHIR type.
    private static string? Primitive(ref Utf8JsonReader reader, Func<string, bool> isValid)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.String)
            return null;
        var value = reader.GetString();
        return value is { Length: > 0 } && isValid(value) ? value : null;
    }

    // Moves to the next property of the object the reader is in; false at its end.
    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    // Whether this is the property's first appearance in the object (a property twice is not plain).
    private static bool First(ref int seen, int bit)
    {
        if ((seen & bit) != 0)
            return false;
        seen |= bit;
        return true;
    }

    private delegate T? ItemReader<T>(ref Utf8JsonReader reader)
        where T : class;

    // Reads a non-empty array into list, each item by read (the reader stands on the item's start); false when not plain.
    private static bool Items<T>(ref Utf8JsonReader reader, List<T> list, ItemReader<T> read)
        where T : class
    {
        if (!StartArray(ref reader))
            return false;
        do
        {
            if (read(ref reader) is not { } item)
                return false;
            list.Add(item);
        }
        while (More(ref reader));
        return true;
    }

    // A CodeableConcept as an array's item (the reader on its start).
    private static CodeableConcept? ConceptItem(ref Utf8JsonReader reader) => Concept(ref reader, alreadyOpen: true);

    // Reads an array's start and stands on its first item; an empty array is not plain.
    private static bool StartArray(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType != JsonTokenType.EndArray;

    // After an item: stands on the next item, or false at the array's end.
    private static bool More(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType != JsonTokenType.EndArray;
}
