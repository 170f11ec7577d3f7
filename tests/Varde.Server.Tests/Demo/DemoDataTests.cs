using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Demo;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Demo;

public abstract class DemoDataTests(VardeApp app)
{
    [Fact]
    public async Task Seed_CreatesTheDemoOnceWithWorkingLoginsAndRealisticTriage()
    {
        using (var scope = app.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(default)).ShouldBeTrue();
        using (var scope = app.Services.CreateScope())
            (await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(default)).ShouldBeFalse();

        await using var db = app.Database.NewContext();
        var demoPatients = DemoPopulation.All.Select(p => p.Id).ToList();
        (await db.Patients.CountAsync(p => demoPatients.Contains(p.Id))).ShouldBe(40);
        var outcomes = await db.Measurements.Where(m => demoPatients.Contains(m.PatientId)).GroupBy(m => m.TriageOutcome)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        outcomes.Values.Sum().ShouldBeGreaterThan(4000);
        outcomes.Keys.ShouldBe([TriageOutcome.Green, TriageOutcome.Yellow, TriageOutcome.Red, TriageOutcome.SuspectedMeasurementError,
            TriageOutcome.NoThresholds], ignoreOrder: true);
        outcomes[TriageOutcome.Green].ShouldBeGreaterThan(outcomes[TriageOutcome.Yellow] + outcomes[TriageOutcome.Red]);

        // Today's worklist looks like a real morning: a few red, several yellow, missing and check-measurement items, older work done.
        var active = await db.Alerts.Where(a => demoPatients.Contains(a.PatientId) && (a.State == AlertState.Open || a.State == AlertState.Acknowledged))
            .Select(a => new { a.Category, a.Zone }).ToListAsync();
        active.Count(a => a.Category == AlertCategory.Clinical && a.Zone == TriageOutcome.Red).ShouldBeInRange(1, 15);
        active.Count(a => a.Category == AlertCategory.Clinical && a.Zone == TriageOutcome.Yellow).ShouldBeGreaterThanOrEqualTo(3);
        active.ShouldContain(a => a.Category == AlertCategory.MissingReport);
        (await db.Alerts.CountAsync(a => a.State == AlertState.Handled)).ShouldBeGreaterThan(10);
        (await db.TriageRecords.CountAsync()).ShouldBe(await db.Measurements.CountAsync() + await db.QuestionnaireResponses.CountAsync());

        using var token = app.CreateClient();
        var response = await token.PostAsync("/connect/token", new FormUrlEncodedContent(
            [new("grant_type", "password"), new("username", "sykepleier1"), new("password", DemoLogins.Password)]));
        response.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task TheDemoDaughter_IsInvitedOnce_AndGetsAFreshCodeAtEveryStart()
    {
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(default);
        DemoSetup.DemoRelativeCode first, second;
        using (var scope = app.Services.CreateScope())
            first = await scope.ServiceProvider.GetRequiredService<DemoData>().IssueRelativeCodeAsync(default);
        using (var scope = app.Services.CreateScope())
            second = await scope.ServiceProvider.GetRequiredService<DemoData>().IssueRelativeCodeAsync(default);

        await using var db = app.Database.NewContext();
        var patient = DemoPopulation.All[DemoPopulation.TabletPatientIndex];
        (await db.Relatives.CountAsync(r => r.PatientId == patient.Id && r.Name == first.RelativeName)).ShouldBe(1);
        (await db.RelativeConsents.CountAsync(c => c.PatientId == patient.Id)).ShouldBe(1);
        var relative = await db.Relatives.SingleAsync(r => r.PatientId == patient.Id && r.Name == first.RelativeName);
        relative.UseCode(first.Code, app.Clock.GetUtcNow()).ShouldBe(first.Code == second.Code, "the newest code replaces the one before");
        relative.UseCode(second.Code, app.Clock.GetUtcNow()).ShouldBe(first.Code != second.Code);
    }

    [Fact]
    public void Population_IsDeterministicWithValidSyntheticNumbers()
    {
        DemoPopulation.All.Count.ShouldBe(40);
        DemoPopulation.All.Select(p => p.IdentityNumber).Distinct().Count().ShouldBe(40);
        DemoPopulation.All.ShouldAllBe(p => Domain.Patients.NorwegianIdentityNumber.Parse(p.IdentityNumber, "n").Value.IsSynthetic);
        DemoPopulation.All[7].IdentityNumber.ShouldBe(DemoPopulation.All[7].IdentityNumber);
        DemoIds.For("patient-3").ShouldBe(DemoIds.For("patient-3"));
    }

    [Fact]
    public async Task ActivePatients_AreThePatientsFollowedByTheirPathway_NotEveryoneReferredOrEnded()
    {
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(default);
        await using var db = app.Database.NewContext();
        var serviceId = (await db.Patients.FirstAsync(p => p.Id == DemoPopulation.All[0].Id)).FollowUpServiceId;
        var inService = await db.Patients.Where(p => p.FollowUpServiceId == serviceId).Select(p => p.Id).ToListAsync();
        var pathways = await db.Pathways.Where(w => inService.Contains(w.PatientId)).ToListAsync();
        var followed = inService.Count(id => Varde.Domain.Pathways.FollowedPatients.IsFollowed(
            pathways.Where(w => w.PatientId == id).OrderByDescending(w => w.ReferredAt).ThenByDescending(w => w.Id).Select(w => (Varde.Domain.Pathways.PathwayState?)w.State).FirstOrDefault()));
        var leader = TestWorld.Staff("leader", Varde.Domain.Access.Role.Leader, serviceId);

        await using var scope2 = app.Services.CreateAsyncScope();
        var capacity = (await scope2.ServiceProvider.GetRequiredService<Varde.Server.Features.Alerts.GetServiceCapacity>().HandleAsync(serviceId, leader, default)).Result
            .ShouldBeOfType<Microsoft.AspNetCore.Http.HttpResults.Ok<Varde.Server.Features.Alerts.GetServiceCapacity.Response>>().Value!;

        capacity.ActivePatients.ShouldBe(followed);
        capacity.ActivePatients.ShouldBeLessThan(inService.Count, "the demo has referred, declined and ended patients, who are not followed");
        followed.ShouldBeGreaterThan(20);
    }
}

public sealed class DemoDataOnSqliteTests(EmptySqliteApp app) : DemoDataTests(app), IClassFixture<EmptySqliteApp>;

public sealed class DemoDataOnPostgresTests(EmptyPostgresApp app) : DemoDataTests(app), IClassFixture<EmptyPostgresApp>;
