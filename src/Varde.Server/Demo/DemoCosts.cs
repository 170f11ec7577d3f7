using Varde.Domain.Services;
using Varde.Domain.Statistics.Costs;

namespace Varde.Server.Demo;

/// <summary>
/// The demo service's own costs for the six months before the demo's start, shared by patient-days, so the costs page
/// has a statement to show. Made-up demo figures (the note says so); no unit costs: Varde ships no prices.
/// </summary>
public static class DemoCosts
{
    public static IEnumerable<object> Build(Guid serviceId, DateTimeOffset now)
    {
        var today = NorwegianTime.Today(now);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        for (var back = 1; back <= 6; back++)
        {
            yield return ServiceCostMonth.Create(serviceId, thisMonth.AddMonths(-back), 300m + (10 * back), 560m, 12_500m, 8_000m, 1_500m,
                "Demodata", now, DemoIds.For("leder").ToString()).Value;
        }

        yield return CostSharingAgreement.Create(serviceId, CostSharingKey.PerPatientDay, [], [], "Demodata: avtale om fordeling etter pasientdøgn", now,
            DemoIds.For("leder").ToString()).Value;
    }
}
