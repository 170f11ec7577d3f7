using Varde.Domain.Exports;

namespace Varde.Domain.Tests.Exports;

public sealed class NationalExportBatchTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);

    private static NationalExportBatch Batch() => NationalExportBatch.Made(Guid.NewGuid(), "{}", 3, Now.AddMinutes(-2), Guid.NewGuid(), Now);

    [Fact]
    public void AFailedTry_WaitsForTheNextDelay_ThenEveryLastDelay_AndIsNeverGivenUp()
    {
        var batch = Batch();
        batch.NextTryAt.ShouldBe(Now);
        var at = Now;
        for (var i = 0; i < OutboundRetries.Delays.Count + 3; i++)
        {
            batch.Tried(false, "http 503", at);
            batch.State.ShouldBe(NationalExportState.Waiting);
            batch.NextTryAt.ShouldBe(at + OutboundRetries.Delays[Math.Min(i, OutboundRetries.Delays.Count - 1)]);
            at = batch.NextTryAt!.Value;
        }

        batch.Tried(true, "http 200", at);

        (batch.State, batch.NextTryAt, batch.Attempts).ShouldBe((NationalExportState.Delivered, (DateTimeOffset?)null, OutboundRetries.Delays.Count + 4));
        Should.Throw<InvalidOperationException>(() => batch.Tried(true, "again", at));
    }

    [Fact]
    public void ADeliveredBatch_KeepsWhenAndTheStatus_Shortened()
    {
        var batch = Batch();

        batch.Tried(true, new string('x', 300), Now.AddSeconds(5));

        (batch.State, batch.DeliveredAt, batch.NextTryAt).ShouldBe((NationalExportState.Delivered, (DateTimeOffset?)Now.AddSeconds(5), (DateTimeOffset?)null));
        batch.LastStatus!.Length.ShouldBe(NationalExportBatch.MaxStatusLength);
        Should.Throw<ArgumentOutOfRangeException>(() => NationalExportBatch.Made(Guid.NewGuid(), "{}", 0, Now, Guid.NewGuid(), Now));
    }
}
