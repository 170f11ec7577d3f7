using Varde.Data;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// The registry extracts' months of a scope's patients, by patient, for the before-and-after figures (benefits and the
/// cost model). Read by hand (<see cref="PlainRows"/>): a national request reads about 440,000 of them.
/// </summary>
public static class ServiceUseRows
{
    public static async Task<ILookup<Guid, ServiceUseMonth>> LoadAsync(VardeDbContext db, StatisticsScope scope, CancellationToken ct)
    {
        var inScope = db.Patients.Where(scope.Patients).Select(p => p.Id);
        var months = await PlainRows.ListAsync(db, (scope.IsWhole ? db.ServiceUse : db.ServiceUse.Where(u => inScope.Contains(u.PatientId)))
                .Select(u => new { u.PatientId, u.Month, u.Kind, u.Amount, u.Source, u.ImportedAt }),
            r => new ServiceUseMonth(r.GetGuid(0), r.GetFieldValue<DateOnly>(1), r.Named<ServiceUseKind>(2), r.Amount(3), r.GetString(4), r.Instant(5)), ct);
        return months.ToLookup(u => u.PatientId);
    }
}
