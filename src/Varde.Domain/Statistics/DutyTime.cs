namespace Varde.Domain.Statistics;

/// <summary>What the work figures need of a shift: its service and the time it counts (<see cref="Services.DutyShift.CountsUntil"/>).</summary>
public sealed record DutySpan(Guid ServiceId, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// Nurse-hours on duty between two instants, and staffed hours (the hours in which at least one nurse of a service was on
/// duty, summed over services): their ratio is the mean number of nurses on duty while anyone was.
/// </summary>
public readonly record struct DutyTime(double NurseHours, double StaffedHours)
{
    /// <summary>The mean number of nurses on duty while anyone was; null when nobody was.</summary>
    public double? MeanNursesOnDuty => StaffedHours > 0 ? NurseHours / StaffedHours : null;

    public static DutyTime Between(IEnumerable<DutySpan> spans, DateTimeOffset from, DateTimeOffset to)
    {
        double nurseHours = 0, staffedHours = 0;
        foreach (var service in spans.GroupBy(s => s.ServiceId))
        {
            var clipped = service.Select(s => (From: s.From > from ? s.From : from, To: s.To < to ? s.To : to))
                .Where(s => s.To > s.From).OrderBy(s => s.From).ToList();
            nurseHours += clipped.Sum(s => (s.To - s.From).TotalHours);
            // The union of the shifts: a staffed stretch runs until a gap.
            DateTimeOffset? start = null, end = null;
            foreach (var (spanFrom, spanTo) in clipped)
            {
                if (end is { } e && spanFrom <= e)
                {
                    end = spanTo > e ? spanTo : e;
                    continue;
                }

                if (start is { } s0 && end is { } e0)
                    staffedHours += (e0 - s0).TotalHours;
                (start, end) = (spanFrom, spanTo);
            }

            if (start is { } s1 && end is { } e1)
                staffedHours += (e1 - s1).TotalHours;
        }

        return new(nurseHours, staffedHours);
    }
}
