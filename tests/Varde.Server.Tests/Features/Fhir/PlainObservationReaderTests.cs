using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Varde.Domain.Measurements;
using Varde.Server.Features.Fhir;

namespace Varde.Server.Tests.Features.Fhir;

/// <summary>
/// The plain reader must make exactly what Firely's strict parser makes, or nothing (and leave the body to the strict
/// parser). Checked on generated Observations and bundles of every kind Varde takes, and on thousands of mutants of
/// them (values replaced by wrong or edge-case ones, properties removed, added, doubled, emptied or nulled): whenever
/// the plain reader returns a resource, the strict parser accepts the same body and returns an equal one.
/// </summary>
public sealed class PlainObservationReaderTests
{
    [Fact]
    public void Reads_every_generated_observation_and_bundle_exactly_as_the_strict_parser()
    {
        foreach (var json in Samples())
        {
            var plain = PlainObservationReader.TryRead(json);
            plain.ShouldNotBeNull(Encoding.UTF8.GetString(json));
            plain.IsExactly(Strict(json)!).ShouldBeTrue(Encoding.UTF8.GetString(json));
            // The values Varde reads, compared as text (IsExactly compares decimals by value, 95.0 = 95).
            JsonSerializer.Serialize(plain, FhirJson.Output).ShouldBe(JsonSerializer.Serialize(Strict(json), FhirJson.Output));
        }
    }

    [Theory]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"id":"a1"}""")] // an element outside the subset
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"_status":{"id":"s"}}""")]
    [InlineData("""{"resourceType":"Observation","status":"bogus","code":{"text":"x"}}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":""}}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{}}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"category":[]}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"subject":null}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","status":"final","code":{"text":"x"}}""")]
    [InlineData("""{"resourceType":"Observation","code":{"text":"x"}}""")] // status is required
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"effectiveDateTime":"2026-13-01"}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":"95"}}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":1e-400}}""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"},"valueQuantity":{"value":95,"comparator":"<"}}""")]
    [InlineData("""{"status":"final","resourceType":"Observation","code":{"text":"x"}}""")] // resourceType not first
    [InlineData("""{"resourceType":"Patient"}""")]
    [InlineData("""{"resourceType":"Bundle","type":"transaction","entry":[{"resource":{"resourceType":"Device"},"request":{"method":"POST","url":"Device"}}]}""")]
    [InlineData("""{"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"POST"}}]}""")] // url is required
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"}} trailing""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"x"}""")]
    [InlineData("""[]""")]
    [InlineData("""{"resourceType":"Observation","status":"final","code":{"text":"\ud800"}}""")] // a lone surrogate: GetString throws
    [InlineData("""{"resourceType":"\udc00"}""")]
    [InlineData("""{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"}},"request":{"method":"POST","url":"Observation"}}]}""")]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"}},"request":{"method":"PUT","url":"Observation/1"}}]}""")]
    [InlineData("""{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Observation","status":"final","code":{"text":"x"}}}]}""")]
    public void Leaves_what_is_not_plain_to_the_strict_parser(string json) =>
        PlainObservationReader.TryRead(Encoding.UTF8.GetBytes(json)).ShouldBeNull();

    [Fact]
    public void Leaves_invalid_utf8_to_the_strict_parser()
    {
        var json = Encoding.UTF8.GetBytes("""{"resourceType":"Observation","status":"final","code":{"text":"zq"}}""");
        json[Array.IndexOf(json, (byte)'q')] = 0xFF;

        PlainObservationReader.TryRead(json).ShouldBeNull();
    }

    [Fact]
    public void Never_accepts_what_the_strict_parser_refuses_nor_reads_it_differently()
    {
        var random = new Random(20261207);
        int plain = 0, refusedByBoth = 0, leftToStrict = 0;
        var samples = Samples().ToList();
        for (var i = 0; i < 6_000; i++)
        {
            var json = Mutate(samples[random.Next(samples.Count)], random);
            var read = PlainObservationReader.TryRead(json);
            var strict = Strict(json);
            if (read is null)
            {
                if (strict is null)
                    refusedByBoth++;
                else
                    leftToStrict++;
                continue;
            }

            strict.ShouldNotBeNull($"The plain reader accepted what the strict parser refuses: {Encoding.UTF8.GetString(json)}");
            read.IsExactly(strict).ShouldBeTrue(Encoding.UTF8.GetString(json));
            JsonSerializer.Serialize(read, FhirJson.Output).ShouldBe(JsonSerializer.Serialize(strict, FhirJson.Output));
            plain++;
        }

        // The mutants reach every side: read plainly, refused by both, and valid but left to the strict parser.
        plain.ShouldBeGreaterThan(500);
        refusedByBoth.ShouldBeGreaterThan(500);
        leftToStrict.ShouldBeGreaterThan(20);
    }

    private static Resource? Strict(byte[] json)
    {
        try
        {
            return JsonSerializer.Deserialize<Resource>(json, FhirJson.Strict);
        }
        catch (Exception e) when (e is DeserializationFailedException or JsonException or InvalidOperationException or NotSupportedException
                                      or FormatException or ArgumentException)
        {
            return null;
        }
    }

    // Observations of every measurement type, as gateways send them: by patient id or by fødselsnummer, with and without
    // a device (registered or a bundle's urn:uuid), a note, decimals of several scales; alone and in bundles.
    private static IEnumerable<byte[]> Samples()
    {
        var observations = Enumerable.Range(0, 48).Select(Observation).ToList();
        foreach (var o in observations)
            yield return JsonSerializer.SerializeToUtf8Bytes<Resource>(o, FhirJson.Output);
        foreach (var (chunk, n) in observations.Chunk(12).Select((c, n) => (c, n)))
        {
            var bundle = new Bundle { Type = n % 2 == 0 ? Bundle.BundleType.Transaction : Bundle.BundleType.Batch };
            foreach (var (o, k) in chunk.Select((o, k) => (o, k)))
            {
                var request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Observation" };
                if (k % 3 == 0)
                    request.IfNoneExist = $"identifier={o.Identifier[0].System}|{o.Identifier[0].Value}";
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = k % 2 == 0 ? $"urn:uuid:{new Guid(n, (short)k, 3, new byte[8])}" : null, Resource = o, Request = request });
            }

            yield return JsonSerializer.SerializeToUtf8Bytes<Resource>(bundle, FhirJson.Output);
        }
    }

    private static Observation Observation(int i)
    {
        var type = (MeasurementType)(i % Enum.GetValues<MeasurementType>().Length);
        var o = new Observation
        {
            Status = i % 11 == 0 ? ObservationStatus.Amended : ObservationStatus.Final,
            Category = [new CodeableConcept(ObservationCodes.CategorySystem, "vital-signs", "Vital Signs")],
            Code = ObservationCodes.ConceptFor(type),
            Subject = i % 3 == 0
                ? new ResourceReference { Identifier = new Identifier("urn:oid:2.16.578.1.12.4.1.4.1", "13116900216"), Display = "Kari Nordmann" }
                : new ResourceReference($"Patient/{new Guid(i, 0, 0, new byte[8])}"),
            Effective = new FhirDateTime(new DateTimeOffset(2026, 11, 24, 6, i % 60, 0, TimeSpan.FromHours(i % 2))),
        };
        o.Identifier.Add(i % 4 == 0 ? new Identifier(ObservationCodes.ClientIdSystem, $"r-{i}") : new Identifier("urn:oid:1.2.3", $"måling æøå {i}"));
        var definition = MeasurementCatalogue.Get(type);
        if (type == MeasurementType.BloodPressure)
        {
            o.Component.Add(new Observation.ComponentComponent
            {
                Code = ObservationCodes.ConceptFor(MeasuredQuantity.SystolicPressure),
                Value = new Quantity { Value = 120 + i, Unit = "mmHg", System = ObservationCodes.Ucum, Code = "mm[Hg]" },
            });
            o.Component.Add(new Observation.ComponentComponent
            {
                Code = ObservationCodes.ConceptFor(MeasuredQuantity.DiastolicPressure),
                Value = new Quantity { Value = 80, Unit = "mmHg", System = ObservationCodes.Ucum, Code = "mm[Hg]" },
            });
        }
        else
        {
            var q = definition.Components[0];
            o.Value = new Quantity { Value = i % 2 == 0 ? 95.0m + i : 36.85m, Unit = q.DisplayUnit, System = ObservationCodes.Ucum, Code = q.UcumUnit };
        }

        if (i % 5 == 0)
            o.Device = new ResourceReference(i % 10 == 0 ? $"urn:uuid:{new Guid(i, 1, 1, new byte[8])}" : $"Device/{new Guid(i, 2, 2, new byte[8])}");
        if (i % 7 == 0)
            o.Note.Add(new Annotation { Text = new Markdown("Målt etter trening.\nPasienten var \"sliten\".") });
        return o;
    }

    // One mutation: a value replaced, a property removed, added, doubled, nulled or emptied.
    private static byte[] Mutate(byte[] json, Random random)
    {
        var root = JsonNode.Parse(json)!;
        var nodes = new List<JsonNode>();
        void Collect(JsonNode node)
        {
            nodes.Add(node);
            if (node is JsonObject o)
                foreach (var (_, child) in o)
                    Collect(child!);
            else if (node is JsonArray a)
                foreach (var child in a)
                    Collect(child!);
        }

        Collect(root);
        var target = nodes[random.Next(1, nodes.Count)];
        var parent = target.Parent!;
        JsonNode? replacement = random.Next(14) switch
        {
            0 => JsonValue.Create(""),
            1 => JsonValue.Create(" padded "),
            2 => JsonValue.Create("bad\u0001char"),
            3 => JsonValue.Create(Pick(random, "2026-02-30T10:00:00Z", "2026-11-24T10:00:00", "2026-11-24", "2026", "2026-11-24T25:00:00Z", "2026-11-24T10:00:00.123+01:00")),
            4 => JsonValue.Create(Pick(random, "final", "preliminary", "FINAL", "unknown", "transaction", "batch", "POST", "PUT", "collection")),
            5 => JsonNode.Parse(Pick(random, "95", "0", "-0", "95.000", "1e2", "1E-400", "12345678901234567890123456789012345", "\"95\"", "true", "-1.5")),
            6 => null,
            7 => new JsonArray(),
            8 => new JsonObject(),
            9 => JsonValue.Create(Pick(random, "urn:uuid:not-a-uuid", "urn:oid:1..2", "Patient/", "Device/x y", "http://example.org/a b", "Observation?x=1")),
            10 => target is JsonObject o ? WithExtra(o, random) : JsonValue.Create("x"),
            11 => target is JsonArray { Count: > 0 } a ? new JsonArray(a[0]!.DeepClone(), a[0]!.DeepClone()) : JsonValue.Create(12),
            _ => JsonValue.Create(Pick(random, "Patient/1", "text", "8867-4", "mmHg", "http://loinc.org", "a\tb", "two  spaces")),
        };
        if (random.Next(10) == 0 && parent is JsonObject removeFrom)
        {
            removeFrom.Remove(target.GetPropertyName());
            return Encoding.UTF8.GetBytes(root.ToJsonString());
        }

        if (parent is JsonObject obj)
            obj[target.GetPropertyName()] = replacement;
        else if (parent is JsonArray arr)
            arr[target.GetElementIndex()] = replacement;
        var text = root.ToJsonString();
        // A property twice (JsonNode cannot hold it): the first property after resourceType doubled.
        if (random.Next(20) == 0)
            text = text.Replace("\"status\":", "\"status\":\"final\",\"status\":", StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text);
    }

    private static JsonObject WithExtra(JsonObject o, Random random)
    {
        var copy = (JsonObject)o.DeepClone();
        copy[Pick(random, "id", "extension", "meta", "unknownThing", "_value", "text", "display", "system", "comparator", "issued")] = Pick(random, "x", "Patient/1");
        return copy;
    }

    private static string Pick(Random random, params string[] values) => values[random.Next(values.Length)];
}
