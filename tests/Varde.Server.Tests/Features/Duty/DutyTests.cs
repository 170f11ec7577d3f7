using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Services;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Duty;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Duty;

/// <summary>Going on and off duty, who is on duty now, and the capacity figures counting them, on both databases.</summary>
public abstract class DutyTests(VardeApp app)
{
    private static string Url(Guid service, string action = "") => $"/api/services/{service}/duty{action}";

    private static async Task<int> NursesOnDutyAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<GetServiceCapacity.Response>($"/api/services/{TestWorld.North}/capacity", Json.Options))!.NursesOnDuty;

    [Fact]
    public async Task ANurseGoesOnDuty_OnceEvenWhenSheAsksTwice_IsCountedAndListed_AndGoesOff()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var leader = await app.ClientForAsync("leader");
        var before = await NursesOnDutyAsync(leader);

        var started = await nurse.PostAsync(Url(TestWorld.North, "/start"), null);
        var again = await nurse.PostAsync(Url(TestWorld.North, "/start"), null);

        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var shift = (await started.Content.ReadFromJsonAsync<DutyShiftResponse>(Json.Options))!;
        (await again.Content.ReadFromJsonAsync<DutyShiftResponse>(Json.Options))!.Id.ShouldBe(shift.Id);
        (shift.StaffMemberId, shift.StartedAt, shift.EndedAt).ShouldBe((TestWorld.NurseNorth, app.Clock.GetUtcNow(), null));
        (await NursesOnDutyAsync(leader)).ShouldBe(before + 1);
        var onDuty = (await leader.GetFromJsonAsync<List<GetOnDuty.OnDutyPerson>>(Url(TestWorld.North), Json.Options))!;
        onDuty.Single(p => p.StaffMemberId == TestWorld.NurseNorth).Since.ShouldBe(shift.StartedAt);

        app.Clock.Advance(TimeSpan.FromHours(2));
        (nurse, leader) = (await app.ClientForAsync("nurse.north"), await app.ClientForAsync("leader")); // tokens from before have run out
        var ended = await nurse.PostAsync(Url(TestWorld.North, "/end"), null);
        var endedAgain = await nurse.PostAsync(Url(TestWorld.North, "/end"), null);

        ended.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ended.Content.ReadFromJsonAsync<DutyShiftResponse>(Json.Options))!.EndedAt.ShouldBe(app.Clock.GetUtcNow());
        endedAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await NursesOnDutyAsync(leader)).ShouldBe(before);
        (await leader.GetFromJsonAsync<List<GetOnDuty.OnDutyPerson>>(Url(TestWorld.North), Json.Options))!.ShouldNotContain(p => p.StaffMemberId == TestWorld.NurseNorth);
    }

    [Fact]
    public async Task OnlyTheServicesOwnNursesAndCoordinators_GoOnDutyThere_AndOnlyItsPeopleSeeWhoIs()
    {
        var south = await app.ClientForAsync("nurse.south");
        var leader = await app.ClientForAsync("leader");

        (await south.PostAsync(Url(TestWorld.North, "/start"), null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await leader.PostAsync(Url(TestWorld.North, "/start"), null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await south.GetAsync(Url(TestWorld.North))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.ClientForAsync("gp")).GetAsync(Url(TestWorld.North))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var db = app.Database.NewContext();
        (await db.DutyShifts.CountAsync(s => s.ServiceId == TestWorld.North && s.StaffMemberId == TestWorld.NurseSouth)).ShouldBe(0);
    }

    [Fact]
    public async Task AShiftLeftOpen_StopsCountingAtItsLongest_AndEndsThereWhenTheCoordinatorComesBack()
    {
        var coordinator = await app.ClientForAsync("coordinator.north");
        var leader = await app.ClientForAsync("leader");
        var first = (await (await coordinator.PostAsync(Url(TestWorld.North, "/start"), null)).Content.ReadFromJsonAsync<DutyShiftResponse>(Json.Options))!;
        var withHer = await NursesOnDutyAsync(leader);

        app.Clock.Advance(TimeSpan.FromHours(DutyShift.LongestHours + 1));
        (coordinator, leader) = (await app.ClientForAsync("coordinator.north"), await app.ClientForAsync("leader")); // tokens from before have run out
        var withoutHer = await NursesOnDutyAsync(leader);
        var second = await coordinator.PostAsync(Url(TestWorld.North, "/start"), null);

        withoutHer.ShouldBe(withHer - 1);
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        await using var db = app.Database.NewContext();
        (await db.DutyShifts.SingleAsync(s => s.Id == first.Id)).EndedAt.ShouldBe(first.StartedAt.AddHours(DutyShift.LongestHours));
        (await coordinator.PostAsync(Url(TestWorld.North, "/end"), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<Guid> NurseOnDutyAsync()
    {
        var nurseId = Guid.NewGuid();
        await using var db = app.Database.NewContext();
        db.StaffMembers.Add(Domain.Staff.StaffMember.Create(nurseId, "Vikar Vakt", Domain.Access.Role.Nurse, TestWorld.North, null).Value);
        db.DutyShifts.Add(DutyShift.Start(Guid.NewGuid(), TestWorld.North, nurseId, app.Clock.GetUtcNow().AddHours(-1)));
        await db.SaveChangesAsync();
        return nurseId;
    }

    [Theory]
    [InlineData("deactivated")]
    [InlineData("moved")]
    [InlineData("made a leader")]
    public async Task ANurseWhoIsDeactivatedMovedOrGivenAnotherRole_GoesOffDutyThen(string change)
    {
        var nurseId = await NurseOnDutyAsync();
        var admin = await Administration.AdminKit.AdminClientAsync(app);
        var leader = await app.ClientForAsync("leader");
        (await leader.GetFromJsonAsync<List<GetOnDuty.OnDutyPerson>>(Url(TestWorld.North), Json.Options))!.ShouldContain(p => p.StaffMemberId == nurseId);

        var answer = change switch
        {
            "deactivated" => await admin.PostAsync($"/api/admin/staff/{nurseId}/deactivate", null),
            "moved" => await admin.PutAsJsonAsync($"/api/admin/staff/{nurseId}", new { name = "Vikar Vakt", role = "Nurse", organisationId = TestWorld.South }),
            _ => await admin.PutAsJsonAsync($"/api/admin/staff/{nurseId}", new { name = "Vikar Vakt", role = "Leader", organisationId = TestWorld.North }),
        };

        answer.StatusCode.ShouldBe(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());

        await using var after = app.Database.NewContext();
        (await after.DutyShifts.SingleAsync(s => s.StaffMemberId == nurseId)).EndedAt.ShouldBe(app.Clock.GetUtcNow());
        (await leader.GetFromJsonAsync<List<GetOnDuty.OnDutyPerson>>(Url(TestWorld.North), Json.Options))!.ShouldNotContain(p => p.StaffMemberId == nurseId);
    }

    [Fact]
    public async Task GoingOffDutyAfterTheLongestShift_Is409_AndClosesTheShiftAtItsLongest()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var shift = (await (await nurse.PostAsync(Url(TestWorld.North, "/start"), null)).Content.ReadFromJsonAsync<DutyShiftResponse>(Json.Options))!;

        app.Clock.Advance(TimeSpan.FromHours(DutyShift.LongestHours + 2));
        nurse = await app.ClientForAsync("nurse.north");
        var late = await nurse.PostAsync(Url(TestWorld.North, "/end"), null);

        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await using var db = app.Database.NewContext();
        (await db.DutyShifts.SingleAsync(s => s.Id == shift.Id)).EndedAt.ShouldBe(shift.LatestEnd);
    }

    [Fact]
    public async Task TwoSignOnsAtOnce_StoreOneShift()
    {
        var nurse = await app.ClientForAsync("nurse.north");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => nurse.PostAsync(Url(TestWorld.North, "/start"), null)));

        answers.ShouldAllBe(a => a.IsSuccessStatusCode);
        var ids = await Task.WhenAll(answers.Select(async a => (await a.Content.ReadFromJsonAsync<DutyShiftResponse>(Json.Options))!.Id));
        ids.Distinct().Count().ShouldBe(1);
        await using var db = app.Database.NewContext();
        (await db.DutyShifts.CountAsync(s => s.StaffMemberId == TestWorld.NurseNorth && s.EndedAt == null)).ShouldBe(1);
        (await nurse.PostAsync(Url(TestWorld.North, "/end"), null)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

public sealed class DutyOnSqliteTests(SqliteApp app) : DutyTests(app), IClassFixture<SqliteApp>;

public sealed class DutyOnPostgresTests(PostgresApp app) : DutyTests(app), IClassFixture<PostgresApp>;
