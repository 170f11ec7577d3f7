namespace Varde.Devices.Tests;

/// <summary>Fetching stored records after the last one kept, and when a device's clock is used.</summary>
public class RecordAccessAndClockTests
{
    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
    private static readonly DateTimeOffset Received = new(2026, 11, 24, 14, 0, 0, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(null, "01 01")] // nothing stored yet: all records
    [InlineData(41, "01 03 01 2A 00")] // records with sequence number >= 42
    [InlineData(0x01FF, "01 03 01 00 02")]
    [InlineData(65535, "01 01")] // the counter can only have wrapped: all, and the client ids keep each once
    public void The_request_asks_for_the_records_after_the_last_one_stored(int? last, string expected) =>
        RecordAccessControlPoint.RequestRecordsAfter((ushort?)last).ShouldBe(Hex.Bytes(expected));

    [Theory]
    [InlineData("06 00 01 01", RecordAccessOutcome.Completed, null)]
    [InlineData("06 00 01 06", RecordAccessOutcome.NoRecordsFound, null)]
    [InlineData("06 00 01 03", RecordAccessOutcome.Failed, "the meter answered request 1 with invalid operator")]
    [InlineData("06 00 01 7F", RecordAccessOutcome.Failed, "the meter answered request 1 with response code 127")]
    [InlineData("05 00 07 00", RecordAccessOutcome.NumberOfRecords, null)]
    [InlineData("06 00", RecordAccessOutcome.Failed, "not a record access answer (0600)")]
    public void The_meters_answer_says_whether_every_record_was_sent(string hex, RecordAccessOutcome outcome, string? failure)
    {
        var answer = RecordAccessControlPoint.ReadIndication(Hex.Bytes(hex));

        (answer.Outcome, answer.Failure).ShouldBe((outcome, failure));
        if (outcome == RecordAccessOutcome.NumberOfRecords)
            answer.Count.ShouldBe(7);
    }

    [Fact]
    public void A_complete_device_time_is_used_in_the_devices_zone()
    {
        var time = DeviceClock.TimeOf(Report(new DeviceDateTime(2026, 11, 24, 13, 58, 5)), Received, Oslo);

        time.ShouldBe(new ReadingTime(new DateTimeOffset(2026, 11, 24, 13, 58, 5, TimeSpan.FromHours(1)), ReadingTimeSource.Device, null));
    }

    [Fact]
    public void A_record_from_the_meters_memory_is_rightly_in_the_past()
    {
        var time = DeviceClock.TimeOf(Report(new DeviceDateTime(2026, 11, 20, 7, 0, 0)), Received, Oslo);

        (time.Source, time.Doubt).ShouldBe((ReadingTimeSource.Device, (DeviceNote?)null));
    }

    [Fact]
    public void A_device_time_ahead_of_the_receiver_is_kept_but_doubted()
    {
        var time = DeviceClock.TimeOf(Report(new DeviceDateTime(2026, 11, 24, 15, 0, 0)), Received, Oslo);

        time.At.ShouldBe(Received.AddHours(1));
        time.Doubt.ShouldBe(new DeviceNote("the device's time is 60 minutes ahead of the receiver's clock", "målerens tid er 60 minutter foran mottakerens klokke"));
    }

    [Fact]
    public void A_device_time_within_the_allowance_is_not_doubted() =>
        DeviceClock.TimeOf(Report(new DeviceDateTime(2026, 11, 24, 14, 4, 59)), Received, Oslo).Doubt.ShouldBeNull();

    [Fact]
    public void An_incomplete_device_time_gives_way_to_the_receive_time()
    {
        var time = DeviceClock.TimeOf(Report(new DeviceDateTime(0, 4, 17, 20, 41, 59)), Received, Oslo);

        time.ShouldBe(new ReadingTime(Received, ReadingTimeSource.Received, new DeviceNote("the device's time is incomplete (0000-04-17 20:41:59)", "målerens tid er ufullstendig (0000-04-17 20:41:59)")));
    }

    [Fact]
    public void A_device_that_says_its_clock_is_not_set_is_not_believed()
    {
        var time = DeviceClock.TimeOf(Report(new DeviceDateTime(2000, 1, 1, 0, 0, 0)) with { ClockNotSet = true }, Received, Oslo);

        time.ShouldBe(new ReadingTime(Received, ReadingTimeSource.Received, new DeviceNote("the device says its clock is not set", "måleren sier at klokken ikke er stilt")));
    }

    [Fact]
    public void No_device_time_is_the_receive_time_without_doubt() =>
        DeviceClock.TimeOf(Report(null), Received, Oslo).ShouldBe(new ReadingTime(Received, ReadingTimeSource.Received, null));

    [Fact]
    public void A_glucose_time_offset_is_added_to_the_base_time()
    {
        var time = DeviceClock.TimeOf(Report(new DeviceDateTime(2026, 11, 24, 7, 10, 30)) with { TimeOffsetMinutes = -5 }, Received, Oslo);

        time.At.ShouldBe(new DateTimeOffset(2026, 11, 24, 7, 5, 30, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void The_hour_that_comes_twice_in_autumn_is_read_as_summer_time_and_the_skipped_spring_hour_as_winter_time()
    {
        var autumn = DeviceClock.TimeOf(Report(new DeviceDateTime(2026, 10, 25, 2, 30, 0)), Received, Oslo);
        var spring = DeviceClock.TimeOf(Report(new DeviceDateTime(2026, 3, 29, 2, 30, 0)), Received, Oslo);

        autumn.At.Offset.ShouldBe(TimeSpan.FromHours(2));
        spring.At.ShouldBe(new DateTimeOffset(2026, 3, 29, 2, 30, 0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void A_local_time_written_as_the_seven_bytes_reads_back_the_same()
    {
        var stamp = DeviceDateTime.From(new DateTime(2026, 11, 24, 13, 58, 5));

        Convert.ToHexString(stamp.ToBytes()).ShouldBe("EA070B180D3A05");
        DeviceDateTime.Read(stamp.ToBytes()).ShouldBe(stamp);
    }

    [Theory]
    [InlineData(2026, 2, 30, 10, 0, 0)]
    [InlineData(2026, 13, 1, 10, 0, 0)]
    [InlineData(2026, 11, 24, 24, 0, 0)]
    [InlineData(1500, 1, 1, 0, 0, 0)]
    [InlineData(9999, 12, 31, 23, 59, 59)]
    public void A_time_that_is_no_real_moment_is_incomplete(int year, int month, int day, int hours, int minutes, int seconds) =>
        DeviceClock.TimeOf(Report(new DeviceDateTime(year, month, day, hours, minutes, seconds)), Received, Oslo).Source.ShouldBe(ReadingTimeSource.Received);

    private static DeviceReport Report(DeviceDateTime? time) =>
        new(BloodPressureMeasurement.Uuid, [new DeviceReading(ReadingKind.BloodPressure, 120, "mm[Hg]", []) { Diastolic = 80 }]) { Time = time };
}
