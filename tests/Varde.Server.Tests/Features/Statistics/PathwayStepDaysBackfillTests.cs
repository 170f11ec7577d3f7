using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Statistics;
using Varde.Server.Features.Statistics;
using Varde.Server.Generator;
using Varde.Testing;

namespace Varde.Server.Tests.Features.Statistics;

/// <summary>
/// Pathways stored before their steps as days were kept get them at start-up, the same text the domain writes, and a
/// second start finds none to write.
/// </summary>
public abstract class PathwayStepDaysBackfillTests(DatabaseProvider provider)
{
    [Fact]
    public async Task PathwaysWithoutStepDays_GetTheDomainsText_Once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var options = new GeneratorOptions(Patients: 1_500, Days: 1, Seed: 7, End: new DateTimeOffset(2026, 11, 23, 0, 0, 0, TimeSpan.Zero));
        await SyntheticWriter.WriteAsync(database.NewContext, SyntheticPopulation.Build(options), options);
        await using var db = database.NewContext();
        var written = await db.Pathways.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.StepDays);
        written.Count.ShouldBeGreaterThan(1_000); // more than one batch
        written.Values.ShouldAllBe(text => text.Length > 0);
        written.Values.Count(text => text.Contains(" Evaluate:Active:", StringComparison.Ordinal)).ShouldBeGreaterThan(500); // with their assessments
        written.Values.Where(text => text.Contains(" Evaluate:", StringComparison.Ordinal))
            .ShouldAllBe(text => PathwayStepDays.Read(text).Where(s => s.Step == Domain.Pathways.PathwayStep.Evaluate).All(s => s.Assessment != null));
        var keep = written.Keys.First();
        (await db.Pathways.Where(p => p.Id != keep).ExecuteUpdateAsync(s => s.SetProperty(p => p.StepDays, ""))).ShouldBe(written.Count - 1);

        (await PathwayStepDaysBackfill.EnsureAsync(db, CancellationToken.None)).ShouldBe(written.Count - 1);
        (await PathwayStepDaysBackfill.EnsureAsync(db, CancellationToken.None)).ShouldBe(0);

        await using var other = database.NewContext();
        var pathways = await other.Pathways.AsNoTracking().ToListAsync();
        pathways.ShouldAllBe(p => p.StepDays == written[p.Id]);
    }
}

public sealed class PathwayStepDaysBackfillOnSqliteTests() : PathwayStepDaysBackfillTests(DatabaseProvider.Sqlite);

public sealed class PathwayStepDaysBackfillOnPostgresTests() : PathwayStepDaysBackfillTests(DatabaseProvider.Postgres);
