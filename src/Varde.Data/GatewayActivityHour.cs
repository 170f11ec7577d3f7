namespace Varde.Data;

/// <summary>
/// What one device gateway sent in one hour (ADR 0024): reports taken in (stored or recognised as resent), requests and
/// reports refused, the last of each and the last refusal's reason (a code and field names, never a value or a
/// person). Counted in memory on the intake path and added here every minute, so intake writes nothing for it; kept
/// for eight days.
/// </summary>
public sealed class GatewayActivityHour
{
    public string ClientId { get; set; } = "";

    /// <summary>The start of the hour, UTC.</summary>
    public DateTimeOffset Hour { get; set; }

    public int Received { get; set; }

    public int Refused { get; set; }

    public DateTimeOffset? LastReceivedAt { get; set; }

    public DateTimeOffset? LastRefusedAt { get; set; }

    public string? LastError { get; set; }
}
