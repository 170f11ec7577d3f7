namespace Varde.Domain.Video;

/// <summary>
/// One seat in a video call: who may take it (a staff member by id, the patient by her session, an interpreter by the
/// seat's own link — only a hash of its token is kept), and when its person first came, was admitted and left.
/// </summary>
public sealed class VideoSeat
{
    private VideoSeat()
    {
    }

    public Guid Id { get; private set; }

    public Guid CallId { get; private set; }

    public VideoRole Role { get; private set; }

    public Guid? StaffId { get; private set; }

    /// <summary>SHA-256 of the interpreter's link token (hex); the token itself is shown once, to the host.</summary>
    public string? TokenHash { get; private set; }

    public DateTimeOffset? JoinedAt { get; private set; }

    public DateTimeOffset? AdmittedAt { get; private set; }

    public DateTimeOffset? LeftAt { get; private set; }

    /// <summary>Came and has not left (waiting or in the call).</summary>
    public bool IsPresent => JoinedAt is not null && LeftAt is null;

    public bool IsWaiting => IsPresent && AdmittedAt is null;

    public bool IsIn => IsPresent && AdmittedAt is not null;

    /// <summary>Took part: was admitted at some point.</summary>
    public bool TookPart => AdmittedAt is not null;

    internal static VideoSeat For(Guid id, Guid callId, VideoRole role, Guid? staffId, string? tokenHash) =>
        new() { Id = id, CallId = callId, Role = role, StaffId = staffId, TokenHash = tokenHash };

    internal void Joined(DateTimeOffset at)
    {
        // Coming back after a dropped connection: someone admitted before is in again at once.
        LeftAt = null;
        JoinedAt ??= at.ToUniversalTime();
    }

    internal void Admitted(DateTimeOffset at)
    {
        if (IsPresent)
            AdmittedAt ??= at.ToUniversalTime();
    }

    internal void Left(DateTimeOffset at)
    {
        if (IsPresent)
            LeftAt = at.ToUniversalTime();
    }
}
