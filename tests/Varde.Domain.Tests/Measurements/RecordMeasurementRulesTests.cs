using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Measurements;

public sealed class RecordMeasurementRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    private static Validated<Measurement> Record(MeasurementInput input, PlanVersion? plan = null) =>
        Measurement.Record(Guid.NewGuid(), Guid.NewGuid(), input, plan, "client-1", Now);

    private static MeasurementInput Single(MeasurementType type, decimal value, string unit, DateTimeOffset? at = null) =>
        new("c-1", type, value, null, null, unit, at ?? Now.AddMinutes(-1));

    public static TheoryData<MeasurementType, decimal, string, decimal> Conversions => new()
    {
        { MeasurementType.BodyWeight, 180m, "[lb_av]", 81.6m },
        { MeasurementType.BodyWeight, 180m, "lb", 81.6m },
        { MeasurementType.BodyWeight, 82400m, "g", 82.4m },
        { MeasurementType.BodyWeight, 82.45m, "kg", 82.45m },
        { MeasurementType.BloodGlucose, 180m, "mg/dL", 10.0m },
        { MeasurementType.BloodGlucose, 90m, "mg/dl", 5.0m },
        { MeasurementType.BloodGlucose, 6.2m, "mmol/L", 6.2m },
        { MeasurementType.BodyTemperature, 98.6m, "[degF]", 37.0m },
        { MeasurementType.BodyTemperature, 100.4m, "°F", 38.0m },
        { MeasurementType.BodyTemperature, 37.2m, "Cel", 37.2m },
        { MeasurementType.Pulse, 72m, "bpm", 72m },
        { MeasurementType.RespiratoryRate, 16m, "/min", 16m },
        { MeasurementType.PeakFlow, 420m, "l/min", 420m },
    };

    [Theory]
    [InlineData("Måleren meldte: uregelmessig puls.", "Måleren meldte: uregelmessig puls.")]
    [InlineData("  første linje\r\nandre\tlinje  ", "første linje\nandre linje")]
    [InlineData("", null)]
    [InlineData(" \r\n\t ", null)]
    [InlineData(null, null)]
    public void A_note_is_kept_with_line_ends_and_tabs_made_plain_and_an_empty_one_is_none(string? sent, string? kept)
    {
        var recorded = Record(Single(MeasurementType.Pulse, 72m, "/min") with { Note = sent });

        recorded.IsValid.ShouldBeTrue();
        recorded.Value.Note.ShouldBe(kept);
    }

    [Theory]
    [InlineData(1001)]
    [InlineData(-1)]
    public void A_note_too_long_or_with_control_characters_refuses_the_reading_by_field(int length)
    {
        var note = length > 0 ? new string('a', length) : "bip\u0007";

        var recorded = Record(Single(MeasurementType.Pulse, 72m, "/min") with { Note = note });

        recorded.IsValid.ShouldBeFalse();
        recorded.Errors.ShouldHaveSingleItem().Field.ShouldBe("note");
    }

    [Theory, MemberData(nameof(Conversions))]
    public void Record_AlternativeUnit_StoresCanonicalValueAndKeepsOriginal(MeasurementType type, decimal value, string unit, decimal canonical)
    {
        var m = Record(Single(type, value, unit)).Value;

        m.Value.ShouldBe(canonical);
        m.Unit.ShouldBe(MeasurementCatalogue.Get(type).Components[0].UcumUnit);
        m.OriginalValue.ShouldBe(value);
        m.OriginalUnit.ShouldBe(unit);
    }

    [Fact]
    public void Record_BloodPressureInKpa_ConvertsBothNumbersToMmHg()
    {
        var m = Record(new("c-1", MeasurementType.BloodPressure, null, 18.9m, 11m, "kPa", Now)).Value;

        m.Value.ShouldBe(142m);
        m.SecondValue.ShouldBe(83m);
        m.Unit.ShouldBe("mm[Hg]");
    }

    [Fact]
    public void Record_ConvertedValue_IsTriagedInCanonicalUnit()
    {
        var plan = PlanVersion.First(Guid.NewGuid(), Guid.NewGuid(),
            [new QuantityThreshold(MeasuredQuantity.BodyWeight, YellowHigh: 81.5m)], "nurse-1", Now).Value;

        var m = Record(Single(MeasurementType.BodyWeight, 180m, "[lb_av]"), plan).Value;

        m.TriageOutcome.ShouldBe(TriageOutcome.Yellow);
        m.TriageExplanationNb.ShouldStartWith("Vekt 81,6 kg er over gul grense 81,5 kg");
    }

    [Theory]
    [InlineData(MeasurementType.BodyWeight, "mmol/L")]
    [InlineData(MeasurementType.OxygenSaturation, "kg")]
    [InlineData(MeasurementType.BodyTemperature, "K")]
    [InlineData(MeasurementType.BloodGlucose, "MMOL/L")]
    public void Record_UnitThatCannotBeConverted_IsRejectedNamingAcceptedUnits(MeasurementType type, string unit)
    {
        var result = Record(Single(type, 50m, unit));

        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("unit");
        result.Errors[0].Message.ShouldContain("accepted:");
    }

    [Fact]
    public void Record_MissingUnit_IsRejected() =>
        Record(Single(MeasurementType.Pulse, 70m, " ")).Errors.ShouldHaveSingleItem().Field.ShouldBe("unit");

    [Theory]
    [InlineData("1970-01-01T00:00:00Z", true)]
    [InlineData("2000-01-01T00:00:00Z", true)]
    [InlineData("2026-11-23T08:05:00Z", false)]
    [InlineData("2026-11-23T08:05:01Z", true)]
    [InlineData("2099-01-01T00:00:00Z", true)]
    [InlineData("2026-10-24T08:00:00Z", false)]
    [InlineData("2026-10-24T07:59:59Z", true)]
    public void Record_ATimeThatCannotBeTrusted_IsJudgedAsReceived_AndTheGivenTimeIsKept(string given, bool uncertain)
    {
        var at = DateTimeOffset.Parse(given, System.Globalization.CultureInfo.InvariantCulture);

        var m = Record(Single(MeasurementType.OxygenSaturation, 84m, "%", at)).Value;

        m.EffectiveAt.ShouldBe(uncertain ? Now : at);
        m.DeviceTime.ShouldBe(uncertain ? at : null);
        m.TimeAsSent.ShouldBe(at);
    }

    [Fact]
    public void Record_AnUncertainTime_IsNeverLeftUnjudged_AndSaysSo()
    {
        var plan = Triage.TriageTestKit.Plan(PlanRules.None, new QuantityThreshold(MeasuredQuantity.OxygenSaturation, RedLow: 91m, YellowLow: 93m));
        var m = Record(Single(MeasurementType.OxygenSaturation, 84m, "%", DateTimeOffset.UnixEpoch), plan).Value;

        m.Triage.Outcome.ShouldBe(TriageOutcome.Red);
        m.Triage.ExplanationNb.ShouldEndWith("Usikkert tidspunkt (enhetens klokke?): oppgitt 1.1.1970 01:00, vurdert som målt da Varde mottok den.");
    }

    [Theory]
    [InlineData(-2, true)]
    [InlineData(-0.5, false)]
    [InlineData(10, false)]
    public void NotBefore_IsTheEnrolmentLessADay_OrThePlansMaximumAge(double daysFromEnrolment, bool uncertain)
    {
        var enrolled = Now.AddDays(-10);
        var notBefore = ReportTime.NotBefore(enrolled, Now);
        var claimed = enrolled.AddDays(daysFromEnrolment);

        ReportTime.Trust(claimed, Now, notBefore).DeviceTime.HasValue.ShouldBe(uncertain);
        ReportTime.NotBefore(Now.AddDays(-400), Now, maxAgeDays: 30).ShouldBe(Now.AddDays(-30));
    }

    public static TheoryData<MeasurementInput, string> WrongShapes => new()
    {
        { new("c", MeasurementType.BloodPressure, 120m, null, null, "mm[Hg]", Now), "value" },
        { new("c", MeasurementType.BloodPressure, null, 120m, null, "mm[Hg]", Now), "systolic" },
        { new("c", MeasurementType.BodyWeight, null, 120m, 80m, "kg", Now), "value" },
        { new("c", MeasurementType.BodyWeight, null, null, null, "kg", Now), "value" },
        { new("c", MeasurementType.BodyWeight, 1e9m, null, null, "kg", Now), "value" },
        { new("c", null, 80m, null, null, "kg", Now), "type" },
        { new("c", (MeasurementType)99, 80m, null, null, "kg", Now), "type" },
        { new("", MeasurementType.BodyWeight, 80m, null, null, "kg", Now), "clientId" },
        { new(new string('x', 101), MeasurementType.BodyWeight, 80m, null, null, "kg", Now), "clientId" },
        { new("c", MeasurementType.BodyWeight, 80m, null, null, "kg", null), "effectiveAt" },
    };

    [Theory, MemberData(nameof(WrongShapes))]
    public void Record_WrongShape_IsRejectedWithTheField(MeasurementInput input, string field) =>
        Record(input).Errors.Select(e => e.Field).ShouldContain(field);

    [Fact]
    public void Record_ImplausibleValue_IsStoredAsSuspectedError()
    {
        var m = Record(Single(MeasurementType.BodyWeight, 512m, "kg")).Value;

        m.TriageOutcome.ShouldBe(TriageOutcome.SuspectedMeasurementError);
    }

    [Fact]
    public void IsSameReadingAs_ComparesWhatWasSent()
    {
        var a = Record(Single(MeasurementType.Pulse, 70m, "/min")).Value;
        var same = Record(Single(MeasurementType.Pulse, 70m, "/min")).Value;
        var other = Record(Single(MeasurementType.Pulse, 71m, "/min")).Value;

        a.IsSameReadingAs(same).ShouldBeTrue();
        a.IsSameReadingAs(other).ShouldBeFalse();
    }
}

public sealed class StoredPrecisionTests
{
    [Fact]
    public void Record_TimeWithSubMicrosecondTicks_IsKeptToWholeMicrosecondsInUtc()
    {
        var at = new DateTimeOffset(2026, 11, 22, 7, 31, 12, TimeSpan.FromHours(1)).AddTicks(1234567);

        var m = Measurement.Record(Guid.NewGuid(), Guid.NewGuid(), new("c", MeasurementType.Pulse, 70m, null, null, "/min", at), null, "x",
            at.AddMinutes(1)).Value;

        m.EffectiveAt.ShouldBe(at.AddTicks(-7));
        m.EffectiveAt.Offset.ShouldBe(TimeSpan.Zero);
    }
}
