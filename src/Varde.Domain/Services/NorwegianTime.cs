namespace Varde.Domain.Services;

/// <summary>Norwegian local time (Europe/Oslo, with summer time): schedules and opening hours are in it.</summary>
public static class NorwegianTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    public static DateTime ToLocal(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).DateTime;

    public static DateOnly Today(DateTimeOffset at) => DateOnly.FromDateTime(ToLocal(at));

    /// <summary>The instant of a local date and time; a time skipped by the spring change counts as one hour later.</summary>
    public static DateTimeOffset ToInstant(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
            local = local.AddHours(1);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
