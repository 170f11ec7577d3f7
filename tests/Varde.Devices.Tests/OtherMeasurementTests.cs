using System.Globalization;

namespace Varde.Devices.Tests;

/// <summary>Weight, temperature, glucose and pulse oximeter values: Nordic's vectors where they exist, hand-built ones for every flag.</summary>
public class OtherMeasurementTests
{
    [Theory]
    [InlineData("00 B0 36", "70.000", "kg")] // 14000 × 0.005 kg
    [InlineData("01 5C 3A", "149.40", "[lb_av]")] // 14940 × 0.01 lb
    [InlineData("00 01 00", "0.005", "kg")]
    public void A_weight_is_read_at_the_scales_resolution(string hex, string weight, string unit)
    {
        var reading = Parsed(HealthCharacteristics.Read(WeightMeasurement.Uuid, Hex.Bytes(hex))).Readings.ShouldHaveSingleItem();

        (reading.Kind, Text(reading.Value), reading.Unit).ShouldBe((ReadingKind.BodyWeight, weight, unit));
    }

    [Fact]
    public void A_weight_with_time_user_bmi_and_height_reads_them_all()
    {
        var report = Parsed(WeightMeasurement.Parse(Hex.Bytes("0E B0 36 EA 07 0B 18 07 1E 00 02 F1 00 2C 06")));

        report.Time.ShouldBe(new DeviceDateTime(2026, 11, 24, 7, 30, 0));
        report.UserId.ShouldBe((byte)2);
        report.Readings[0].Value.ShouldBe(70m);
    }

    [Theory]
    [InlineData("00 FF FF", "unsuccessful")]
    [InlineData("00 B0", "too short")]
    [InlineData("02 B0 36 EA 07 0B", "time stamp")]
    [InlineData("04 B0 36", "user id")]
    [InlineData("08 B0 36 F1 00", "BMI and height")]
    public void A_weight_that_cannot_be_read_is_refused(string hex, string reason) =>
        WeightMeasurement.Parse(Hex.Bytes(hex)).Refusal!.ShouldContain(reason);

    [Fact]
    public void Nordics_thermometer_vector_is_37_60_degrees_at_the_finger()
    {
        var report = Parsed(TemperatureMeasurement.Parse(Hex.Bytes("06 B0 0E 00 FE DC 07 0C 05 0B 32 1B 04")));

        var reading = report.Readings.ShouldHaveSingleItem();
        (Text(reading.Value), reading.Unit).ShouldBe(("37.60", "Cel"));
        report.Time.ShouldBe(new DeviceDateTime(2012, 12, 5, 11, 50, 27));
        reading.Notes.Select(n => n.En).ShouldBe(["measured at: finger"]);
    }

    [Theory]
    [InlineData("06 B0 0E 00 FE DC 07 0C 05 0B 32 1B", "temperature type")] // Nordic: minus the last byte
    [InlineData("00 FF FF 7F 00", "not a number")]
    [InlineData("00 00 00 80 00", "not at this resolution")]
    [InlineData("00 B0 0E 00", "too short")]
    public void A_temperature_that_cannot_be_read_is_refused(string hex, string reason) =>
        TemperatureMeasurement.Parse(Hex.Bytes(hex)).Refusal!.ShouldContain(reason);

    [Fact]
    public void A_temperature_in_fahrenheit_keeps_its_unit_for_varde_to_convert()
    {
        var reading = Parsed(TemperatureMeasurement.Parse(Hex.Bytes("01 E3 03 00 FF"))).Readings[0];

        (Text(reading.Value), reading.Unit).ShouldBe(("99.5", "[degF]"));
    }

    [Fact]
    public void Nordics_glucose_vector_is_refused_because_its_status_says_the_sample_was_too_small()
    {
        // Flags 0x1B: offset, concentration (kg/L), status, context; status 0x0105: battery low, sample size insufficient, too cold.
        var parse = GlucoseMeasurement.Parse(Hex.Bytes("1B 01 00 E3 07 02 1B 0B 0A 1E FB FF 1E 00 12 05 01"));

        parse.Refusal.ShouldBe("Glucose measurement: record 1: the meter says the result is not valid: sample size insufficient.");
    }

    [Fact]
    public void Nordics_glucose_vector_with_only_battery_low_reads_sequence_time_offset_and_sample()
    {
        var report = Parsed(GlucoseMeasurement.Parse(Hex.Bytes("1B 01 00 E3 07 02 1B 0B 0A 1E FB FF 1E 00 12 01 00")));

        report.SequenceNumber.ShouldBe((ushort)1);
        report.Time.ShouldBe(new DeviceDateTime(2019, 2, 27, 11, 10, 30));
        report.TimeOffsetMinutes.ShouldBe(-5);
        var reading = report.Readings.ShouldHaveSingleItem();
        (Text(reading.Value), reading.Unit).ShouldBe(("3000000", "mg/dL")); // 30 kg/L, Nordic's synthetic value
        reading.Notes.Select(n => n.En).ShouldBe(["sample: capillary plasma", "site: finger", "meter battery low"]);
    }

    [Theory]
    [InlineData("06 2A 00 EA 07 0B 18 07 05 00 37 C0 11", "5.5", "mmol/L")] // 55 × 10^-4 mol/L
    [InlineData("02 2A 00 EA 07 0B 18 07 05 00 63 B0 11", "99", "mg/dL")] // 99 × 10^-5 kg/L
    public void A_glucose_concentration_becomes_mmol_per_litre_or_mg_per_decilitre_with_its_precision(string hex, string value, string unit)
    {
        var report = Parsed(GlucoseMeasurement.Parse(Hex.Bytes(hex)));

        report.SequenceNumber.ShouldBe((ushort)42);
        (Text(report.Readings[0].Value), report.Readings[0].Unit).ShouldBe((value, unit));
    }

    [Theory]
    [InlineData("00 2A 00 EA 07 0B 18 07 05 00", "no concentration")]
    [InlineData("06 2A 00 EA 07 0B 18 07 05 00 37 B0 1A", "control-solution")] // type 10
    [InlineData("06 2A 00 EA 07 0B 18 07 05 00 37 B0 41", "control-solution")] // location 4
    [InlineData("0E 2A 00 EA 07 0B 18 07 05 00 37 B0 11 00 02", "sensor read interrupted")]
    [InlineData("0E 2A 00 EA 07 0B 18 07 05 00 37 B0 11 02 00", "sensor malfunction")]
    [InlineData("06 2A 00 EA 07 0B 18 07 05 00 FE 07 11", "+INFINITY")]
    [InlineData("01 2A 00 EA 07 0B 18 07 05 00 FB", "time offset")]
    [InlineData("00 2A 00 EA 07 0B 18 07", "too short")]
    public void A_glucose_record_that_is_not_a_valid_patient_result_is_refused(string hex, string reason) =>
        GlucoseMeasurement.Parse(Hex.Bytes(hex)).Refusal!.ShouldContain(reason);

    [Theory]
    [InlineData("06 2A 00 EA 07 0B 18 07 05 00 FE 07 11", true)] // +INFINITY
    [InlineData("06 2A 00 EA 07 0B 18 07 05 00 02 08 11", true)] // -INFINITY
    [InlineData("06 2A 00 EA 07 0B 18 07 05 00 FF 07 11", false)] // NaN: no measurement
    public void A_value_beyond_the_devices_range_is_refused_as_such_not_as_a_failed_measurement(string hex, bool outside) =>
        GlucoseMeasurement.Parse(Hex.Bytes(hex)).OutsideDeviceRange.ShouldBe(outside);

    [Fact]
    public void A_glucose_above_the_meters_range_keeps_its_value_so_the_red_is_not_hidden()
    {
        var report = Parsed(GlucoseMeasurement.Parse(Hex.Bytes("0E 2A 00 EA 07 0B 18 07 05 00 4D C1 11 20 00"))); // 333 × 10^-4 mol/L = 33.3 mmol/L, HI

        report.Readings[0].Value.ShouldBe(33.3m);
        report.Readings[0].Notes.Select(n => n.En).ShouldContain("higher than the meter can measure (HI): at least this value");
    }

    [Fact]
    public void A_glucose_time_fault_means_the_meters_clock_is_not_used()
    {
        Parsed(GlucoseMeasurement.Parse(Hex.Bytes("0E 2A 00 EA 07 0B 18 07 05 00 37 B0 11 00 08"))).ClockNotSet.ShouldBeTrue();
    }

    [Fact]
    public void A_spot_check_reads_spo2_and_pulse_as_two_readings()
    {
        var report = Parsed(HealthCharacteristics.Read(PulseOximeterMeasurement.SpotCheckUuid, Hex.Bytes("00 62 00 48 00")));

        report.Readings.Select(r => (r.Kind, r.Value, r.Unit)).ShouldBe([(ReadingKind.OxygenSaturation, 98m, "%"), (ReadingKind.Pulse, 72m, "/min")]);
        (report.IsFinal, report.Time, report.ClockNotSet).ShouldBe((true, (DeviceDateTime?)null, false));
    }

    [Fact]
    public void A_spot_check_with_every_flag_reads_time_statuses_pai_and_the_unset_clock()
    {
        // b0 time, b1 measurement status (questionable), b2 sensor status (low perfusion), b3 PAI, b4 clock not set.
        var report = Parsed(PulseOximeterMeasurement.ParseSpotCheck(Hex.Bytes("1F 5C 00 5A 00 D0 07 01 01 00 00 00 00 40 20 00 00 F2 00")));

        report.Readings[0].Value.ShouldBe(92m);
        report.Readings[1].Value.ShouldBe(90m);
        report.Time.ShouldBe(new DeviceDateTime(2000, 1, 1, 0, 0, 0));
        report.ClockNotSet.ShouldBeTrue();
        report.Readings[0].Notes.Select(n => n.En).ShouldBe(["questionable measurement detected", "low perfusion detected"]);
    }

    [Theory]
    [InlineData("04 62 00 48 00 00 08 00", "sensor unconnected to user")]
    [InlineData("04 62 00 48 00 00 20 00", "sensor displaced")]
    [InlineData("02 62 00 48 00 00 80", "invalid measurement detected")]
    [InlineData("02 62 00 48 00 00 04", "data for demonstration")]
    [InlineData("02 62 00 48 00 20 00", "measurement ongoing")]
    [InlineData("00 FF 07 48 00", "SpO2: not a number")]
    [InlineData("08 62 00 48 00 01", "pulse amplitude index")]
    [InlineData("01 62 00 48 00 D0 07", "time stamp")]
    public void A_spot_check_that_is_not_a_real_measurement_is_refused(string hex, string reason) =>
        PulseOximeterMeasurement.ParseSpotCheck(Hex.Bytes(hex)).Refusal!.ShouldContain(reason);

    [Fact]
    public void A_spot_check_without_a_pulse_keeps_the_spo2()
    {
        var report = Parsed(PulseOximeterMeasurement.ParseSpotCheck(Hex.Bytes("00 62 00 FF 07")));

        report.Readings.ShouldHaveSingleItem().Notes.Select(n => n.En).ShouldBe(["pulse rate left out: not a number (NaN): the device produced no value"]);
    }

    [Fact]
    public void A_spot_check_from_the_oximeters_memory_without_a_time_is_marked_so_its_receive_time_is_doubted()
    {
        var report = Parsed(PulseOximeterMeasurement.ParseSpotCheck(Hex.Bytes("02 62 00 48 00 00 02")));

        report.FromStorage.ShouldBeTrue();
        var time = DeviceClock.TimeOf(report, new DateTimeOffset(2026, 11, 24, 14, 0, 0, TimeSpan.FromHours(1)), TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo"));
        (time.Source, time.Doubt?.En).ShouldBe((ReadingTimeSource.Received, "the device sent a stored measurement without its time"));
    }

    [Fact]
    public void A_continuous_measurement_is_read_with_its_averages_skipped_and_is_never_final()
    {
        var report = Parsed(HealthCharacteristics.Read(PulseOximeterMeasurement.ContinuousUuid, Hex.Bytes("13 61 00 4B 00 60 00 4C 00 62 00 4A 00 01 00")));

        report.Readings.Select(r => r.Value).ShouldBe([97m, 75m]);
        report.IsFinal.ShouldBeFalse();
    }

    [Fact]
    public void An_unknown_characteristic_is_refused_not_guessed() =>
        HealthCharacteristics.Read(0x2A37, Hex.Bytes("00 55")).Refusal.ShouldBe("Characteristic 0x2A37 is not a health measurement Varde reads.");

    [Fact]
    public void Device_information_text_is_trimmed_of_padding_and_control_characters()
    {
        DeviceInformation.ReadText("Omron\0\0\0"u8).ShouldBe("Omron");
        DeviceInformation.ReadText(" HEM-7361T \r\n"u8).ShouldBe("HEM-7361T");
        DeviceInformation.ReadText("\0\0"u8).ShouldBeNull();
        DeviceInformation.ReadText(new byte[200]).ShouldBeNull();
        DeviceInformation.ReadText(Enumerable.Repeat((byte)'A', 200).ToArray())!.Length.ShouldBe(DeviceInformation.LongestText);
    }

    private static DeviceReport Parsed(GattParse<DeviceReport> parse)
    {
        parse.IsParsed.ShouldBeTrue(parse.Refusal);
        return parse.Value!;
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
