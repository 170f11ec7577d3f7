using System.Globalization;

namespace Varde.Server.Tests.Scenarios;

/// <summary>The zone written by hand for a reading: green, yellow, red, or check measurement (suspected measurement error).</summary>
public enum Z
{
    G,
    Y,
    R,
    C,
}

/// <summary>What a row of a scenario table sends (or, for <see cref="NurseHandles"/>, what the nurse does).</summary>
public enum Kind
{
    Spo2,
    Pulse,
    Weight,
    BloodPressure,
    Glucose,

    /// <summary>The daily questions; <see cref="Row.Value"/> 1 is "more breathless than usual: yes", 0 is "no".</summary>
    Daily,

    /// <summary>The nurse handles the patient's active clinical alert of <see cref="Row.Subject"/> (contacted the patient).</summary>
    NurseHandles,
}

/// <summary>
/// One line of a scenario table: measured on <see cref="Day"/> (days from the scenario's first day, UTC) at
/// <see cref="Time"/>, with the zone expected when it arrives. Rows are listed in the order they are sent; each is sent
/// a minute after it was measured unless <see cref="SentAfter"/> says otherwise (a late delivery).
/// </summary>
public sealed record Row(int Day, string Time, Kind Kind, decimal Value, Z Expect)
{
    public decimal? Diastolic { get; init; }

    /// <summary>The zone expected at the end, when a later (late) report changed it by re-judging.</summary>
    public Z? Final { get; init; }

    /// <summary>How long after measuring the reading reaches Varde (a late delivery).</summary>
    public TimeSpan? SentAfter { get; init; }

    /// <summary>A name other rows refer to (<see cref="ResendOf"/>).</summary>
    public string? Label { get; init; }

    /// <summary>This row is a resend of the labelled row: same client id, same reading.</summary>
    public string? ResendOf { get; init; }

    /// <summary>Sent as a FHIR Observation (POST /fhir/Observation) instead of the JSON API.</summary>
    public bool Fhir { get; init; }

    /// <summary>The device's clock was reset: the reading claims 1970-01-01T00:00Z.</summary>
    public bool ClockReset { get; init; }

    /// <summary>For <see cref="Kind.NurseHandles"/>: the alert's subject ("measurement:OxygenSaturation").</summary>
    public string? Subject { get; init; }

    /// <summary>The zone the reading should have at the end.</summary>
    public Z FinalZone => Final ?? Expect;

    public bool IsReport => Kind != Kind.NurseHandles && ResendOf is null;

    public TimeSpan MeasuredOffset => TimeSpan.FromDays(Day) + TimeSpan.ParseExact(Time, @"hh\:mm", CultureInfo.InvariantCulture);

    public TimeSpan SentOffset => MeasuredOffset + (SentAfter ?? TimeSpan.FromMinutes(1));

    public override string ToString() => Kind switch
    {
        Kind.NurseHandles => $"d{Day} {Time} nurse handles {Subject}",
        Kind.BloodPressure => $"d{Day} {Time} {Kind} {Value}/{Diastolic}",
        Kind.Daily => $"d{Day} {Time} daily questions, more breathless: {(Value == 1 ? "yes" : "no")}",
        _ => $"d{Day} {Time} {Kind} {Value}",
    } + (ResendOf is null ? "" : $" (resend of {ResendOf})") + (SentAfter is { } late ? $" (sent {late.TotalHours:0} h later)" : "")
      + (ClockReset ? " (device clock 1970)" : "") + (Fhir ? " (FHIR)" : "");
}

/// <summary>Short ways to write table rows.</summary>
public static class Rows
{
    public static Row M(int day, string time, Kind kind, decimal value, Z expect) => new(day, time, kind, value, expect);

    public static Row Bp(int day, string time, decimal systolic, decimal diastolic, Z expect) =>
        new(day, time, Kind.BloodPressure, systolic, expect) { Diastolic = diastolic };

    public static Row Q(int day, string time, bool breathless, Z expect) => new(day, time, Kind.Daily, breathless ? 1 : 0, expect);

    /// <summary>The labelled reading sent again by the gateway on <paramref name="day"/> at <paramref name="time"/> (same client id).</summary>
    public static Row Resend(int day, string time, Kind kind, decimal value, string label, Z expect) =>
        new(day, time, kind, value, expect) { ResendOf = label };

    public static Row Handle(int day, string time, string subject) => new(day, time, Kind.NurseHandles, 0, Z.G) { Subject = subject };
}
