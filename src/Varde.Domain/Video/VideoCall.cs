namespace Varde.Domain.Video;

/// <summary>
/// A video consultation with a patient, started by a nurse or coordinator of her follow-up service: up to
/// <see cref="MaxSeats"/> seats (the nurse who hosts, the patient, and as chosen her GP and an interpreter). Nobody
/// is in the call until the host admits them from the waiting room. Nothing of the call's content is kept — no
/// recording — only who took part, when it started (the second person admitted) and when it ended, for the patient's
/// timeline.
/// </summary>
public sealed class VideoCall
{
    public const int MaxSeats = 5;

    /// <summary>How long after it was opened (a booked call: after its time) a call can be joined (its links, the patient's "join" on I dag).</summary>
    public static readonly TimeSpan JoinableFor = TimeSpan.FromHours(12);

    /// <summary>How early before its time a booked call can be joined — and when the patient is reminded of it.</summary>
    public static readonly TimeSpan EarlyJoin = TimeSpan.FromMinutes(15);

    /// <summary>How far ahead a call can be booked.</summary>
    public static readonly TimeSpan BookableAhead = TimeSpan.FromDays(90);

    private readonly List<VideoSeat> _seats = [];

    private VideoCall()
    {
        StartedBy = "";
    }

    public Guid Id { get; private set; }

    public Guid PatientId { get; private set; }

    public Guid ServiceId { get; private set; }

    /// <summary>The staff member who opened it and hosts it.</summary>
    public string StartedBy { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>For a booked call, the agreed time; null for a call started there and then.</summary>
    public DateTimeOffset? BookedFor { get; private set; }

    /// <summary>From when it can be joined: <see cref="EarlyJoin"/> before its time, or when it was opened.</summary>
    public DateTimeOffset JoinsFrom => BookedFor is { } at ? at - EarlyJoin : OpenedAt;

    /// <summary>When two people were first in the call together.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When the host ended it, or the last person left.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    public IReadOnlyList<VideoSeat> Seats => _seats;

    public bool IsOpen => EndedAt is null;

    /// <summary>Open, from <see cref="JoinsFrom"/> until <see cref="JoinableFor"/> after it was opened (a booked call: after its time).</summary>
    public bool IsJoinable(DateTimeOffset now) => IsOpen && now >= JoinsFrom && now - (BookedFor ?? OpenedAt) < JoinableFor;

    /// <summary>A booked time must be ahead (a minute's grace) and at most <see cref="BookableAhead"/> away.</summary>
    public static IReadOnlyList<ValidationError> CheckBooking(DateTimeOffset? bookedFor, DateTimeOffset now) =>
        bookedFor is { } at && (at < now.AddMinutes(-1) || at > now + BookableAhead)
            ? [new("bookedFor", $"Book the call for a time from now and at most {BookableAhead.TotalDays:0} days ahead.")]
            : [];

    public TimeSpan? Duration => StartedAt is { } started && EndedAt is { } ended ? ended - started : null;

    /// <summary>
    /// Opens a call hosted by <paramref name="hostStaffId"/> for the patient, with seats for her GP, a hospital specialist
    /// and an interpreter as chosen — now, or booked for a time (<see cref="CheckBooking"/> first).
    /// </summary>
    public static VideoCall Open(Guid id, Guid patientId, Guid serviceId, Guid hostStaffId, Guid? gpStaffId, bool interpreter, string? interpreterTokenHash,
        DateTimeOffset now, Guid? specialistStaffId = null, DateTimeOffset? bookedFor = null)
    {
        var call = new VideoCall
        {
            Id = id, PatientId = patientId, ServiceId = serviceId, StartedBy = hostStaffId.ToString(), OpenedAt = now.ToUniversalTime(),
            BookedFor = bookedFor?.ToUniversalTime(),
        };
        call._seats.Add(VideoSeat.For(Guid.CreateVersion7(now), id, VideoRole.Host, hostStaffId, null));
        call._seats.Add(VideoSeat.For(Guid.CreateVersion7(now), id, VideoRole.Patient, null, null));
        if (gpStaffId is { } gp)
            call._seats.Add(VideoSeat.For(Guid.CreateVersion7(now), id, VideoRole.Gp, gp, null));
        if (specialistStaffId is { } specialist)
            call._seats.Add(VideoSeat.For(Guid.CreateVersion7(now), id, VideoRole.Specialist, specialist, null));
        if (interpreter)
            call._seats.Add(VideoSeat.For(Guid.CreateVersion7(now), id, VideoRole.Interpreter, null, interpreterTokenHash));
        return call;
    }

    public VideoSeat? Seat(Guid seatId) => _seats.SingleOrDefault(s => s.Id == seatId);

    /// <summary>Someone took their seat (they wait until admitted; the host is admitted at once).</summary>
    public void Joined(VideoSeat seat, DateTimeOffset at)
    {
        seat.Joined(at);
        if (seat.Role == VideoRole.Host)
            Admit(seat, at);
    }

    /// <summary>The host lets someone in from the waiting room; the call starts when two are in.</summary>
    public void Admit(VideoSeat seat, DateTimeOffset at)
    {
        if (!IsOpen)
            return;
        seat.Admitted(at);
        if (StartedAt is null && _seats.Count(s => s.IsIn) >= 2)
            StartedAt = at.ToUniversalTime();
    }

    /// <summary>Someone left; when nobody is in any more (or the host ends it) the call is over.</summary>
    public void Left(VideoSeat seat, DateTimeOffset at)
    {
        seat.Left(at);
        if (_seats.All(s => !s.IsPresent) && StartedAt is not null)
            End(at);
    }

    public void End(DateTimeOffset at)
    {
        if (!IsOpen)
            return;
        EndedAt = at.ToUniversalTime();
        foreach (var seat in _seats.Where(s => s.IsPresent))
            seat.Left(at);
    }
}

public enum VideoRole
{
    Host,
    Patient,
    Gp,
    Specialist,
    Interpreter,
}
