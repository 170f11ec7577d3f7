namespace Varde.Domain.Exports;

public enum NationalExportState
{
    /// <summary>Waiting for its next try (never given up: its readings are behind the watermark and would be lost).</summary>
    Waiting,
    Delivered,
}

/// <summary>
/// One batch of readings for the national services (Pasientens måledata, through the welfare-technology hub), made by
/// the export job from the readings received after the batch before it (<see cref="LastReceivedAt"/>,
/// <see cref="LastMeasurementId"/>: the watermark the next batch starts after). Kept as sent — a PMD batch Bundle of
/// Observations in the VKP profiles — and tried again after <see cref="OutboundRetries.Delays"/>, then every last delay
/// until delivered: never given up, since the readings in it are behind the watermark and go in no other batch. Each entry is a conditional update by the reading's Varde id, so a batch sent twice changes nothing.
/// </summary>
public sealed class NationalExportBatch
{
    public const int MaxStatusLength = 200;

    private NationalExportBatch()
    {
        Bundle = "";
    }

    public Guid Id { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>How many readings it holds.</summary>
    public int Count { get; private set; }

    /// <summary>The batch Bundle as sent (FHIR JSON).</summary>
    public string Bundle { get; private set; }

    public DateTimeOffset LastReceivedAt { get; private set; }

    public Guid LastMeasurementId { get; private set; }

    public NationalExportState State { get; private set; }

    public int Attempts { get; private set; }

    public DateTimeOffset? NextTryAt { get; private set; }

    public string? LastStatus { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public static NationalExportBatch Made(Guid id, string bundle, int count, DateTimeOffset lastReceivedAt, Guid lastMeasurementId, DateTimeOffset now) =>
        count <= 0
            ? throw new ArgumentOutOfRangeException(nameof(count), "A batch holds at least one reading.")
            : new NationalExportBatch
            {
                Id = id,
                CreatedAt = now.ToUniversalTime(),
                Count = count,
                Bundle = bundle,
                LastReceivedAt = lastReceivedAt.ToUniversalTime(),
                LastMeasurementId = lastMeasurementId,
                State = NationalExportState.Waiting,
                NextTryAt = now.ToUniversalTime(),
            };

    /// <summary>Notes a try: delivered, or waiting for the next (after the schedule, every last delay).</summary>
    public void Tried(bool delivered, string status, DateTimeOffset at)
    {
        if (State != NationalExportState.Waiting)
            throw new InvalidOperationException("Only a waiting batch is delivered.");
        Attempts++;
        LastStatus = status.Length > MaxStatusLength ? status[..MaxStatusLength] : status;
        if (delivered)
        {
            State = NationalExportState.Delivered;
            DeliveredAt = at.ToUniversalTime();
            NextTryAt = null;
            return;
        }

        NextTryAt = OutboundRetries.NextTry(Attempts, at) ?? at.ToUniversalTime() + OutboundRetries.Delays[^1];
    }
}
