namespace Varde.Domain.Statistics;

/// <summary>What the work figures need of a shift: its service, whose it is, and the time it counts (<see cref="Services.DutyShift.CountsUntil"/>).</summary>
public sealed record DutySpan(Guid ServiceId, Guid StaffMemberId, DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// Nurse-hours on duty between two instants, and staffed hours (the hours in which at least one nurse of a service was on
/// duty, summed over services): their ratio is the mean number of nurses on duty while anyone was. With the number of
/// people on duty in the time: under <see cref="FewestPeople"/> the hours are one or two people's working time, which
/// the figures do not show (staff data, not service data).
/// </summary>
public readonly record struct DutyTime(double NurseHours, double StaffedHours, int People)
{
    /// <summary>The fewest people on duty in a week or month for its duty figures to be shown.</summary>
    public const int FewestPeople = 3;

    /// <summary>True when someone, but fewer than <see cref="FewestPeople"/>, was on duty.</summary>
    public bool Hides => People is > 0 and < FewestPeople;

    /// <summary>The mean number of nurses on duty while anyone was; null when nobody was.</summary>
    public double? MeanNursesOnDuty => StaffedHours > 0 ? NurseHours / StaffedHours : null;

    public static DutyTime Between(IEnumerable<DutySpan> spans, DateTimeOffset from, DateTimeOffset to)
    {
        double nurseHours = 0, staffedHours = 0;
        var people = new HashSet<Guid>();
        foreach (var service in spans.GroupBy(s => s.ServiceId))
        {
            var clipped = service.Select(s => (s.StaffMemberId, From: s.From > from ? s.From : from, To: s.To < to ? s.To : to))
                .Where(s => s.To > s.From).OrderBy(s => s.From).ToList();
            people.UnionWith(clipped.Select(s => s.StaffMemberId));
            nurseHours += clipped.Sum(s => (s.To - s.From).TotalHours);
            // The union of the shifts: a staffed stretch runs until a gap.
            DateTimeOffset? start = null, end = null;
            foreach (var (_, spanFrom, spanTo) in clipped)
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

        return new(nurseHours, staffedHours, people.Count);
    }
}
