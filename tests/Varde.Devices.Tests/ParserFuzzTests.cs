namespace Varde.Devices.Tests;

/// <summary>
/// A seeded fuzz run: random bytes of every length, and the valid vectors cut short, lengthened and with bits flipped,
/// through every parser and the clock. Nothing may throw; every refusal says why; every parsed report holds readings.
/// Seeds are fixed, so a failure is repeatable (the failing input is in the message).
/// </summary>
public class ParserFuzzTests
{
    private static readonly ushort[] Characteristics =
    [
        BloodPressureMeasurement.Uuid, BloodPressureMeasurement.IntermediateCuffPressureUuid, WeightMeasurement.Uuid, PulseOximeterMeasurement.SpotCheckUuid,
        PulseOximeterMeasurement.ContinuousUuid, GlucoseMeasurement.Uuid, TemperatureMeasurement.Uuid, TemperatureMeasurement.IntermediateUuid,
    ];

    private static readonly string[] ValidVectors =
    [
        "1E 8A 00 58 00 78 00 00 00 04 11 14 29 3B 3C 00 01 27 00", "15 BD F0 0B 00 9F F0 3C 00 12 00", "0E B0 36 EA 07 0B 18 07 1E 00 02 F1 00 2C 06",
        "06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04", "1B 01 00 E3 07 02 1B 0B 0A 1E FB FF 1E 00 12 01 00",
        "1F 5C 00 5A 00 D0 07 01 01 00 00 00 00 40 20 00 00 F2 00", "13 61 00 4B 00 60 00 4C 00 62 00 4A 00 01 00",
    ];

    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    [Fact]
    public void Random_bytes_are_parsed_or_refused_never_thrown()
    {
        var random = new Random(20261205);
        var parsed = 0;
        for (var i = 0; i < 60_000; i++)
        {
            var bytes = new byte[random.Next(0, 40)];
            random.NextBytes(bytes);
            foreach (var characteristic in Characteristics)
            {
                if (Check(characteristic, bytes))
                    parsed++;
            }
        }

        // Random bytes are mostly refused, but some must parse, or the parsers' happy paths were never under fire.
        parsed.ShouldBeGreaterThan(1_000);
    }

    [Fact]
    public void Valid_vectors_cut_lengthened_and_bit_flipped_are_parsed_or_refused_never_thrown()
    {
        var random = new Random(4242);
        var parsed = 0;
        var refused = 0;
        foreach (var vector in ValidVectors.Select(Hex.Bytes))
        {
            for (var cut = 0; cut < vector.Length; cut++)
            {
                foreach (var characteristic in Characteristics)
                    Count(Check(characteristic, vector[..cut]));
            }

            for (var i = 0; i < 20_000; i++)
            {
                var mutated = vector.ToArray();
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                    mutated[random.Next(mutated.Length)] ^= (byte)(1 << random.Next(8));
                if (random.Next(4) == 0)
                    mutated = [.. mutated, .. Enumerable.Range(0, random.Next(1, 6)).Select(_ => (byte)random.Next(256))];
                foreach (var characteristic in Characteristics)
                    Count(Check(characteristic, mutated));
            }
        }

        // Both outcomes must really occur, or the run proves nothing.
        parsed.ShouldBeGreaterThan(10_000);
        refused.ShouldBeGreaterThan(10_000);

        void Count(bool wasParsed)
        {
            if (wasParsed)
                parsed++;
            else
                refused++;
        }
    }

    [Fact]
    public void Every_prefix_of_a_valid_vector_shorter_than_its_flags_promise_is_refused()
    {
        foreach (var (characteristic, hex) in new (ushort, string)[]
                 {
                     (BloodPressureMeasurement.Uuid, ValidVectors[0]), (BloodPressureMeasurement.Uuid, ValidVectors[1]), (WeightMeasurement.Uuid, ValidVectors[2]),
                     (TemperatureMeasurement.Uuid, ValidVectors[3]), (GlucoseMeasurement.Uuid, ValidVectors[4]), (PulseOximeterMeasurement.SpotCheckUuid, ValidVectors[5]),
                     (PulseOximeterMeasurement.ContinuousUuid, ValidVectors[6]),
                 })
        {
            var vector = Hex.Bytes(hex);
            HealthCharacteristics.Read(characteristic, vector).IsParsed.ShouldBeTrue(hex);
            for (var cut = 0; cut < vector.Length; cut++)
                HealthCharacteristics.Read(characteristic, vector.AsSpan(0, cut)).IsParsed.ShouldBeFalse($"{hex} cut to {cut} bytes");
        }
    }

    [Fact]
    public void Random_record_access_answers_and_device_texts_never_throw()
    {
        var random = new Random(7);
        for (var i = 0; i < 50_000; i++)
        {
            var bytes = new byte[random.Next(0, 12)];
            random.NextBytes(bytes);
            RecordAccessControlPoint.ReadIndication(bytes).ShouldNotBeNull();
            _ = DeviceInformation.ReadText(bytes);
        }
    }

    private static bool Check(ushort characteristic, byte[] bytes)
    {
        GattParse<DeviceReport> parse;
        try
        {
            parse = HealthCharacteristics.Read(characteristic, bytes);
            if (parse.Value is { } report)
                _ = DeviceClock.TimeOf(report, new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.FromHours(1)), Oslo);
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"0x{characteristic:X4} threw on {Convert.ToHexString(bytes)}: {e}");
        }

        if (!parse.IsParsed)
        {
            parse.Refusal.ShouldNotBeNullOrWhiteSpace(Convert.ToHexString(bytes));
            return false;
        }

        parse.Value!.Readings.ShouldNotBeEmpty(Convert.ToHexString(bytes));
        return true;
    }
}
