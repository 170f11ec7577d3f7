namespace Varde.Domain.Services;

/// <summary>
/// A nurse's or coordinator's time on duty (på vakt) in their follow-up service, signed on and off by themselves on the
/// worklist. The capacity figures count who is on duty now, and the work statistics divide the followed patients by the
/// nurses on duty. A shift left open counts as ended <see cref="LongestHours"/> after it began: someone who forgot to sign
/// off is not counted on duty through the night.
/// </summary>
public sealed class DutyShift
{
    /// <summary>The longest a shift counts: the working environment act's longest day (12.5 hours) and a handover.</summary>
    public const int LongestHours = 13;

    private DutyShift(Guid id, Guid serviceId, Guid staffMemberId, DateTimeOffset startedAt)
    {
        Id = id;
        ServiceId = serviceId;
        StaffMemberId = staffMemberId;
        StartedAt = startedAt;
    }

    public Guid Id { get; private set; }

    public Guid ServiceId { get; private set; }

    public Guid StaffMemberId { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>When the shift ended: signed off, or closed at its longest when its owner signed on again; none while open.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The latest the shift can count to.</summary>
    public DateTimeOffset LatestEnd => StartedAt.AddHours(LongestHours);

    public static DutyShift Start(Guid id, Guid serviceId, Guid staffMemberId, DateTimeOffset now) => new(id, serviceId, staffMemberId, now);

    /// <summary>On duty at <paramref name="at"/>: begun, not signed off, and not past its longest.</summary>
    public bool IsOnDuty(DateTimeOffset at) => StartedAt <= at && at < CountsUntil(DateTimeOffset.MaxValue);

    /// <summary>Where the shift's time ends as seen at <paramref name="now"/>: its end, its longest, or now while it runs.</summary>
    public DateTimeOffset CountsUntil(DateTimeOffset now)
    {
        var end = EndedAt ?? LatestEnd;
        return end < now ? end : now < StartedAt ? StartedAt : now;
    }

    /// <summary>Signs off at <paramref name="now"/> (no later than the shift's longest); false when it had already ended.</summary>
    public bool End(DateTimeOffset now)
    {
        if (EndedAt is not null)
            return false;
        EndedAt = now < StartedAt ? StartedAt : now > LatestEnd ? LatestEnd : now;
        return true;
    }
}
