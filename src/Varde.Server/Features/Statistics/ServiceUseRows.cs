using Varde.Data;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// The registry extracts' months of a scope's patients, by patient, for the before-and-after figures (benefits and the
/// cost model): month, service and amount only. Read by hand (<see cref="PlainRows"/>) into values: a national request
/// reads about 440,000 of them.
/// </summary>
public static class ServiceUseRows
{
    public static async Task<ServiceUseByPatient> LoadAsync(VardeDbContext db, StatisticsScope scope, CancellationToken ct)
    {
        var byPatient = await PlainRows.IntoAsync(db, scope.RowsOf(db, db.ServiceUse, u => u.PatientId)
                .Select(u => new { u.PatientId, u.Month, u.Kind, u.Amount }),
            () => new Dictionary<Guid, List<MonthOfUse>>(),
            (r, into) =>
            {
                var use = new MonthOfUse(r.GetFieldValue<DateOnly>(1), r.Named<ServiceUseKind>(2), r.Amount(3));
                var patientId = r.GetGuid(0);
                if (into.TryGetValue(patientId, out var own))
                    own.Add(use);
                else
                    into[patientId] = [use];
            }, ct);
        return new ServiceUseByPatient(byPatient);
    }
}

/// <summary>The extract months read, by patient; a patient without any has none (an empty list).</summary>
public sealed class ServiceUseByPatient(Dictionary<Guid, List<MonthOfUse>> byPatient)
{
    private static readonly MonthOfUse[] None = [];

    public IReadOnlyList<MonthOfUse> this[Guid patientId] => byPatient.TryGetValue(patientId, out var own) ? own : None;
}
