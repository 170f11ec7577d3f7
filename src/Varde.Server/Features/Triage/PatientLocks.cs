using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Varde.Data;

namespace Varde.Server.Features.Triage;

/// <summary>
/// One patient's reports are triaged one at a time: each is judged against the ones before it, so two arriving at
/// once must not both miss each other. <see cref="HoldAsync"/> takes the patients in this process (striped locks),
/// then opens the database transaction, then takes them in the database (PostgreSQL transaction advisory locks, so
/// several server processes on one database also take a patient one at a time; SQLite's write transaction already
/// serialises every writer). The patients stay held until the transaction has committed or rolled back. Always in
/// this order, and each set in a fixed order, so two callers with overlapping patients cannot wait for each other
/// (ADR 0008, ADR 0017).
/// </summary>
public sealed class PatientLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 512).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    /// <summary>Holds these patients and opens a transaction on <paramref name="db"/>; commit it through the returned hold.</summary>
    public async Task<Held> HoldAsync(VardeDbContext db, IReadOnlyCollection<Guid> patientIds, CancellationToken ct)
    {
        var stripes = await AcquireStripesAsync(patientIds, ct);
        try
        {
            var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                if (db.Database.IsNpgsql())
                    await LockInDatabaseAsync(db, patientIds, ct);
                return new Held(stripes, transaction);
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }
        }
        catch
        {
            stripes.Dispose();
            throw;
        }
    }

    // Transaction-level advisory locks, one per patient, taken in key order (released by PostgreSQL at commit or rollback).
    private static async Task LockInDatabaseAsync(VardeDbContext db, IReadOnlyCollection<Guid> patientIds, CancellationToken ct)
    {
        var keys = patientIds.Select(KeyOf).Distinct().Order().ToArray();
        await db.Database.ExecuteSqlRawAsync(
            "SELECT count(pg_advisory_xact_lock(k)) FROM (SELECT k FROM unnest({0}::bigint[]) AS k ORDER BY k) AS ordered", [keys], ct);
    }

    /// <summary>The advisory-lock key of a patient: its id folded to 64 bits.</summary>
    public static long KeyOf(Guid patientId)
    {
        Span<byte> bytes = stackalloc byte[16];
        patientId.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes[..8]) ^ BitConverter.ToInt64(bytes[8..]);
    }

    // Each stripe once (two patients may share one) and in stripe order.
    private async Task<Stripes> AcquireStripesAsync(IEnumerable<Guid> patientIds, CancellationToken ct)
    {
        var held = new Stripes();
        try
        {
            foreach (var index in patientIds.Select(StripeOf).Distinct().Order())
            {
                await _stripes[index].WaitAsync(ct);
                held.Add(_stripes[index]);
            }

            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private int StripeOf(Guid patientId) => (patientId.GetHashCode() & int.MaxValue) % _stripes.Length;

    /// <summary>Patients held, with their open transaction. Disposing rolls back what was not committed, then lets the patients go.</summary>
    public sealed class Held(IDisposable stripes, IDbContextTransaction transaction) : IAsyncDisposable
    {
        public Task CommitAsync(CancellationToken ct) => transaction.CommitAsync(ct);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await transaction.DisposeAsync();
            }
            finally
            {
                stripes.Dispose();
            }
        }
    }

    private sealed class Stripes : IDisposable
    {
        private readonly List<SemaphoreSlim> _held = [];

        public void Add(SemaphoreSlim stripe) => _held.Add(stripe);

        public void Dispose()
        {
            foreach (var stripe in _held)
                stripe.Release();
            _held.Clear();
        }
    }
}
