using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Server.Demo;
using Varde.Server.Features.Statistics;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Demo;

/// <summary>The demo holds evaluations, so the leader's activity figures show them (a database of its own: the demo is seeded once).</summary>
public abstract class DemoEvaluationsTests(VardeApp app)
{
    [Fact]
    public async Task EverySecondActivePatient_HeldAFirstEvaluation_WhichTheActivityFiguresShow()
    {
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(default);
        var evaluated = DemoPopulation.All.Where(p => DemoPathways.HeldAnEvaluation(p.Index)).Select(p => p.Id).ToList();
        evaluated.Count.ShouldBe(18, "the 20 even indices less the two in their trial period (12 and 38)");
        await using (var db = app.Database.NewContext())
        {
            var pathways = await db.Pathways.Where(w => evaluated.Contains(w.PatientId)).ToListAsync();
            pathways.Count.ShouldBe(18);
            pathways.ShouldAllBe(w => w.Evaluations.Count(e => e.HeldAt != null && e.Assessment != null) == 1 && w.Evaluations.Count(e => e.HeldAt == null) == 1);
        }

        await using var scope2 = app.Services.CreateAsyncScope();
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var report = (await scope2.ServiceProvider.GetRequiredService<GetActivity>().HandleAsync(new(today.AddDays(-90), today, null, null, null, null), default)).Value;

        var evaluations = report.Figures.Evaluations;
        evaluations.Held.Value.ShouldBe(18);
        evaluations.ByGoals.Select(c => (c.Key, c.Value)).ShouldBe(new (string, int?)[] { ("Met", 8), ("PartlyMet", 5), ("NotMet", 5), ("NotStructured", 0) }, ignoreOrder: true);
        evaluations.BySelfManagement.Select(c => (c.Key, c.Value)).ShouldBe(new (string, int?)[] { ("Better", 8), ("Same", 5), ("Worse", 5), ("NotStructured", 0) }, ignoreOrder: true);
        evaluations.PercentFeelsSafer.Value!.Value.ShouldBe(72.2, 0.1, "13 of 18");
        evaluations.PercentReportsWithoutHelp.Value!.Value.ShouldBe(72.2, 0.1);
    }
}

public sealed class DemoEvaluationsOnSqliteTests(EmptySqliteApp app) : DemoEvaluationsTests(app), IClassFixture<EmptySqliteApp>;

public sealed class DemoEvaluationsOnPostgresTests(EmptyPostgresApp app) : DemoEvaluationsTests(app), IClassFixture<EmptyPostgresApp>;
