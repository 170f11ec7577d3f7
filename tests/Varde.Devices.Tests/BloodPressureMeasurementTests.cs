using System.Globalization;

namespace Varde.Devices.Tests;

/// <summary>0x2A35 with Nordic's test vectors (full, some, minimal, too short, no time stamp) and hand-built ones for the other flags.</summary>
public class BloodPressureMeasurementTests
{
    [Fact]
    public void Nordics_full_vector_reads_every_field()
    {
        var report = Read("1E 8A 00 58 00 78 00 00 00 04 11 14 29 3B 3C 00 01 27 00");

        var bp = report.Readings[0];
        bp.Kind.ShouldBe(ReadingKind.BloodPressure);
        (bp.Value, bp.Diastolic, bp.MeanArterial, bp.Unit).ShouldBe((138m, 88m, 120m, "mm[Hg]"));
        report.Time.ShouldBe(new DeviceDateTime(0, 4, 17, 20, 41, 59));
        report.Time!.Value.IsComplete.ShouldBeFalse("the year is not set");
        report.Readings[1].ShouldBe(new DeviceReading(ReadingKind.Pulse, 60m, "/min", []), new ReadingComparer());
        (report.UserId, report.UserUnknown).ShouldBe(((byte?)1, false));
        bp.Notes.Select(n => n.En).ShouldBe(["body movement during measurement", "cuff too loose", "irregular pulse", "improper measurement position"]);
        report.IsFinal.ShouldBeTrue();
    }

    [Fact]
    public void Nordics_some_vector_is_in_kpa_with_the_pulse_below_the_limit()
    {
        var report = Read("15 BD F0 0B 00 9F F0 3C 00 12 00");

        var bp = report.Readings[0];
        (Text(bp.Value), Text(bp.Diastolic!.Value), Text(bp.MeanArterial!.Value), bp.Unit).ShouldBe(("18.9", "11", "15.9", "kPa"));
        report.Time.ShouldBeNull();
        report.UserId.ShouldBeNull();
        report.Readings[1].Value.ShouldBe(60m);
        bp.Notes.Select(n => n.En).ShouldBe(["cuff too loose", "pulse below the device's lower limit"]);
    }

    [Fact]
    public void Nordics_minimal_vector_has_no_optional_fields()
    {
        var report = Read("00 BD F0 0B 00 9F F0");

        report.Readings.Count.ShouldBe(1);
        (Text(report.Readings[0].Value), report.Readings[0].Unit).ShouldBe(("18.9", "mm[Hg]"));
        report.Readings[0].Notes.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("01 02 03 04 05 06", "too short")] // Nordic: too short
    [InlineData("03 02 03 04 05 06 07", "time stamp")] // Nordic: the flags say time stamp, none there
    [InlineData("", "empty")]
    [InlineData("04 8A 00 58 00 78 00 3C", "pulse rate")]
    [InlineData("08 8A 00 58 00 78 00", "user id")]
    [InlineData("10 8A 00 58 00 78 00 01", "measurement status")]
    [InlineData("00 FF 07 58 00 78 00", "systolic: not a number")]
    [InlineData("00 8A 00 FE 07 78 00", "diastolic: +INFINITY")]
    [InlineData("00 8A 00 00 08 78 00", "diastolic: not at this resolution")]
    public void A_value_that_cannot_be_read_honestly_is_refused_with_the_reason(string hex, string reason)
    {
        var parse = BloodPressureMeasurement.Parse(Hex.Bytes(hex));

        parse.IsParsed.ShouldBeFalse();
        parse.Refusal.ShouldStartWith("Blood pressure measurement: ");
        parse.Refusal!.ShouldContain(reason);
    }

    [Fact]
    public void A_mean_that_is_nan_is_left_out_and_a_pulse_that_is_nan_is_left_out_with_a_note()
    {
        var report = Read("04 8A 00 58 00 FF 07 FF 07");

        report.Readings.Count.ShouldBe(1);
        report.Readings[0].MeanArterial.ShouldBeNull();
        report.Readings[0].Notes.Select(n => n.En).ShouldBe(["pulse left out: not a number (NaN): the device produced no value"]);
    }

    [Theory]
    [InlineData("0008", "pulse above the device's upper limit")]
    [InlineData("0010", "pulse below the device's lower limit")]
    [InlineData("0018", null)] // 3 is reserved: no note
    public void The_pulse_range_bits_read_as_notes(string status, string? note)
    {
        var bytes = Hex.Bytes($"10 8A 00 58 00 78 00 {status[2..]} {status[..2]}");
        var notes = Read(bytes).Readings[0].Notes.Select(n => n.En).ToList();

        if (note is null)
            notes.ShouldBeEmpty();
        else
            notes.ShouldBe([note]);
    }

    [Fact]
    public void Intermediate_cuff_pressure_is_read_but_never_final()
    {
        var parse = HealthCharacteristics.Read(BloodPressureMeasurement.IntermediateCuffPressureUuid, Hex.Bytes("00 8A 00 58 00 78 00"));

        parse.Value!.IsFinal.ShouldBeFalse();
    }

    [Fact]
    public void A_full_time_stamp_and_an_unknown_user_are_read()
    {
        var report = Read("0A 8A 00 58 00 78 00 EA 07 0B 18 0D 3A 05 FF");

        report.Time.ShouldBe(new DeviceDateTime(2026, 11, 24, 13, 58, 5));
        report.Time!.Value.IsComplete.ShouldBeTrue();
        (report.UserId, report.UserUnknown).ShouldBe(((byte?)null, true), "0xFF is a guest, not 'no user'");
    }

    private static DeviceReport Read(string hex) => Read(Hex.Bytes(hex));

    private static DeviceReport Read(byte[] bytes)
    {
        var parse = BloodPressureMeasurement.Parse(bytes);
        parse.IsParsed.ShouldBeTrue(parse.Refusal);
        return parse.Value!;
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
