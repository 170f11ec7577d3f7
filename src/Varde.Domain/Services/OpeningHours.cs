namespace Varde.Domain.Services;

/// <summary>One weekday's opening time of a follow-up service, in Norwegian local time.</summary>
public sealed record OpeningPeriod(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>
/// When a follow-up service is staffed: weekday hours in Norwegian time, closed on public holidays. The service is not
/// an emergency service; outside these hours patients follow their plan's red instruction (legevakt 116 117, 113).
/// </summary>
public sealed record OpeningHours(IReadOnlyList<OpeningPeriod> Weekly)
{
    /// <summary>Monday to Friday 08:00–15:30, the usual daytime service.</summary>
    public static OpeningHours WeekdaysDaytime { get; } = new(
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new OpeningPeriod(d, new TimeOnly(8, 0), new TimeOnly(15, 30)))]);

    public bool IsOpen(DateTimeOffset at, ISet<DateOnly> holidays)
    {
        var local = NorwegianTime.ToLocal(at);
        var day = DateOnly.FromDateTime(local);
        var time = TimeOnly.FromDateTime(local);
        return !holidays.Contains(day) && Weekly.Any(p => p.Day == local.DayOfWeek && time >= p.Opens && time < p.Closes);
    }

    /// <summary>How much of the time between two instants the service was open: escalation clocks only run then.</summary>
    public TimeSpan OpenTimeBetween(DateTimeOffset from, DateTimeOffset to, ISet<DateOnly> holidays)
    {
        var total = TimeSpan.Zero;
        if (to <= from)
            return total;
        for (var day = DateOnly.FromDateTime(NorwegianTime.ToLocal(from)); day <= DateOnly.FromDateTime(NorwegianTime.ToLocal(to)); day = day.AddDays(1))
        {
            if (holidays.Contains(day))
                continue;
            foreach (var p in Weekly.Where(p => p.Day == day.DayOfWeek))
            {
                var opens = NorwegianTime.ToInstant(day, p.Opens);
                var closes = NorwegianTime.ToInstant(day, p.Closes);
                var start = opens > from ? opens : from;
                var end = closes < to ? closes : to;
                if (end > start)
                    total += end - start;
            }
        }

        return total;
    }

    /// <summary>The next time the service opens at or after <paramref name="at"/> (within four weeks), or null.</summary>
    public DateTimeOffset? NextOpening(DateTimeOffset at, ISet<DateOnly> holidays)
    {
        if (IsOpen(at, holidays))
            return at;
        var first = DateOnly.FromDateTime(NorwegianTime.ToLocal(at));
        for (var day = first; day < first.AddDays(28); day = day.AddDays(1))
        {
            if (holidays.Contains(day))
                continue;
            foreach (var p in Weekly.Where(p => p.Day == day.DayOfWeek).OrderBy(p => p.Opens))
            {
                var opens = NorwegianTime.ToInstant(day, p.Opens);
                if (opens >= at)
                    return opens;
            }
        }

        return null;
    }

    public IEnumerable<ValidationError> Check(string field)
    {
        for (var i = 0; i < Weekly.Count; i++)
        {
            if (Weekly[i].Closes <= Weekly[i].Opens)
                yield return new($"{field}[{i}]", "Each opening period must close after it opens.");
        }

        foreach (var day in Weekly.Where(p => p.Closes > p.Opens).GroupBy(p => p.Day))
        {
            var periods = day.OrderBy(p => p.Opens).ToList();
            if (periods.Zip(periods.Skip(1)).Any(pair => pair.Second.Opens < pair.First.Closes))
                yield return new(field, $"The opening periods on {day.Key} overlap.");
        }
    }
}
