using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Access;
using Varde.Domain.Alerts;
using Varde.Domain.Measurements;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Staff;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Audit;
using Varde.Server.Features.Settings;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>
/// Issue 17 item 6: a follow-up service's opening hours, closed days, escalation, planning figure and default grace through
/// the administrator's API; each change audited, and each setting taking effect where it is used.
/// </summary>
public abstract class ServiceSettingsTests(VardeApp app)
{
    private static string Url(Guid service) => $"/api/admin/services/{service}/settings";

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static readonly TimeZoneInfo Oslo = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Oslo).DateTime);

    private static object Settings(object[]? weekly = null, object[]? closedDays = null, int escalateAfterMinutes = 45, Guid? escalateToStaffId = null,
        int patientsPerNurse = 60, int defaultGraceMinutes = 90) => new
    {
        weekly = weekly ?? [new { day = "Monday", opens = "08:00", closes = "16:00" }, new { day = "Tuesday", opens = "08:00", closes = "11:30" },
            new { day = "Tuesday", opens = "12:00", closes = "16:00" }, new { day = "Saturday", opens = "10:00", closes = "24:00" }],
        closedDays = closedDays ?? [],
        escalateAfterMinutes, escalateToStaffId, patientsPerNurse, defaultGraceMinutes,
    };

    private static async Task<ServiceSettingsResponse> PutAsync(HttpClient admin, Guid service, object body)
    {
        var response = await admin.PutAsJsonAsync(Url(service), body);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ServiceSettingsResponse>(Json.Options))!;
    }

    [Fact]
    public async Task AServiceWithoutSettings_ShowsTheDefaults_ThenTheAdministratorsChange_WithBeforeAndAfterInTheLog()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var (west, nurse) = await NewServiceAsync();

        var defaults = (await admin.GetFromJsonAsync<ServiceSettingsResponse>(Url(west), Json.Options))!;
        defaults.Stored.ShouldBeFalse();
        defaults.ServiceName.ShouldBe("Vest");
        defaults.Weekly.Select(p => (p.Day, p.Opens, p.Closes)).ShouldBe(
            Enumerable.Range(1, 5).Select(d => ((DayOfWeek)d, "08:00", "15:30")));
        (defaults.EscalateAfterMinutes, defaults.PatientsPerNurse, defaults.DefaultGraceMinutes).ShouldBe((30, 80, 120));

        var stored = await PutAsync(admin, west, Settings(closedDays: [new { date = "2026-12-23", reason = " Planleggingsdag " }],
            escalateToStaffId: nurse));

        stored.Stored.ShouldBeTrue();
        stored.Weekly.Select(p => $"{p.Day} {p.Opens}–{p.Closes}").ShouldBe(
            ["Monday 08:00–16:00", "Tuesday 08:00–11:30", "Tuesday 12:00–16:00", "Saturday 10:00–24:00"]);
        stored.ClosedDays.ShouldBe([new(new DateOnly(2026, 12, 23), "Planleggingsdag")]);
        (stored.EscalateAfterMinutes, stored.EscalateToStaffId, stored.EscalateToName, stored.PatientsPerNurse, stored.DefaultGraceMinutes)
            .ShouldBe((45, (Guid?)nurse, "Vera Vest", 60, 90));
        (await admin.GetFromJsonAsync<ServiceSettingsResponse>(Url(west), Json.Options)).ShouldBeEquivalentTo(stored);

        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await PutAsync(admin, west, Settings(patientsPerNurse: 70));

        var log = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityId={west}&entityKind=service-settings", Json.Options))!;
        log.Select(e => e.Action).ShouldBe(["edited", "created"]);
        log[1].Before.ShouldBeNull();
        log.ShouldAllBe(e => e.ActorId == AdminKit.Admin.ToString() && e.EntityName == "Vest");
        JsonDocument.Parse(log[0].Before!).RootElement.GetProperty("patientsPerNurse").GetInt32().ShouldBe(60);
        JsonDocument.Parse(log[0].After!).RootElement.GetProperty("patientsPerNurse").GetInt32().ShouldBe(70);
        JsonDocument.Parse(log[0].Before!).RootElement.GetProperty("closedDays")[0].GetString().ShouldBe("2026-12-23 Planleggingsdag");
        JsonDocument.Parse(log[0].After!).RootElement.GetProperty("closedDays").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("nurse.south")]
    [InlineData("leader")]
    [InlineData("coordinator.north")]
    public async Task OnlyAdministrators_ReadOrChangeTheSettings(string user)
    {
        var client = await app.ClientForAsync(user);

        (await client.GetAsync(Url(TestWorld.North))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.PutAsJsonAsync(Url(TestWorld.North), Settings())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        await using var db = app.Database.NewContext();
        (await db.AdminAudit.AnyAsync(e => e.EntityId == TestWorld.North && e.ActorId != AdminKit.Admin.ToString())).ShouldBeFalse();
    }

    [Fact]
    public async Task NotAFollowUpService_IsNotFound()
    {
        var admin = await AdminKit.AdminClientAsync(app);

        (await admin.GetAsync(Url(TestWorld.Horten))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PutAsJsonAsync(Url(Guid.NewGuid()), Settings())).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, object> WrongSettings => new()
    {
        { "weekly[0].day", Settings(weekly: [new { day = "Funday", opens = "08:00", closes = "16:00" }]) },
        { "weekly[0].day", Settings(weekly: [new { day = "1", opens = "08:00", closes = "16:00" }]) },
        { "weekly[0].opens", Settings(weekly: [new { day = "Monday", opens = "8", closes = "16:00" }]) },
        { "weekly[0].closes", Settings(weekly: [new { day = "Monday", opens = "08:00", closes = "25:00" }]) },
        { "openingHours[0]", Settings(weekly: [new { day = "Monday", opens = "16:00", closes = "08:00" }]) },
        { "openingHours", Settings(weekly: [new { day = "Monday", opens = "08:00", closes = "12:00" }, new { day = "Monday", opens = "11:00", closes = "15:00" }]) },
        { "closedDays[0].date", Settings(closedDays: [new { date = "23.12.2026", reason = "Planleggingsdag" }]) },
        { "closedDays[0].reason", Settings(closedDays: [new { date = "2026-12-23", reason = " " }]) },
        { "closedDays", Settings(closedDays: [new { date = "2026-12-23", reason = "A" }, new { date = "2026-12-23", reason = "B" }]) },
        { "escalateAfterMinutes", Settings(escalateAfterMinutes: 4) },
        { "escalateAfterMinutes", Settings(escalateAfterMinutes: 1441) },
        { "escalateToStaffId", Settings(escalateToStaffId: TestWorld.NurseNorth) },
        { "escalateToStaffId", Settings(escalateToStaffId: TestWorld.Gp) },
        { "patientsPerNurse", Settings(patientsPerNurse: 0) },
        { "defaultGraceMinutes", Settings(defaultGraceMinutes: -1) },
        { "defaultGraceMinutes", Settings(defaultGraceMinutes: 1441) },
    };

    [Theory]
    [MemberData(nameof(WrongSettings))]
    public async Task AWrongSetting_IsRefusedByField_AndNothingChanges(string field, object body)
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var before = await admin.GetStringAsync(Url(TestWorld.South));

        var response = await admin.PutAsJsonAsync(Url(TestWorld.South), body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Json.Options))!.Errors.Keys.ShouldBe([field]);
        (await admin.GetStringAsync(Url(TestWorld.South))).ShouldBe(before);
    }

    [Fact]
    public async Task AClosedDayAndThePlanningFigure_ReachTheCapacityFigures_AtOnce()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var leader = await app.ClientForAsync("leader");
        var open = Enum.GetValues<DayOfWeek>().Select(d => (object)new { day = d.ToString(), opens = "00:00", closes = "24:00" }).ToArray();
        await PutAsync(admin, TestWorld.North, Settings(weekly: open, patientsPerNurse: 40));
        var before = (await leader.GetFromJsonAsync<GetServiceCapacity.Response>($"/api/services/{TestWorld.North}/capacity", Json.Options))!;

        await PutAsync(admin, TestWorld.North, Settings(weekly: open, patientsPerNurse: 40,
            closedDays: [new { date = Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), reason = "Kurs" }]));
        var after = (await leader.GetFromJsonAsync<GetServiceCapacity.Response>($"/api/services/{TestWorld.North}/capacity", Json.Options))!;

        (before.OpenNow, before.PlanningFigure).ShouldBe((true, 40));
        after.OpenNow.ShouldBeFalse();
    }

    [Fact]
    public async Task ARedThatWaits_IsEscalatedAfterTheSetTime_ToTheNamedPerson()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var open = Enum.GetValues<DayOfWeek>().Select(d => (object)new { day = d.ToString(), opens = "00:00", closes = "24:00" }).ToArray();
        await PutAsync(admin, TestWorld.North, Settings(weekly: open, escalateAfterMinutes: 10, escalateToStaffId: TestWorld.CoordinatorNorth));
        var patient = await Alerts.AlertWorld.PatientAsync(app, Now.AddDays(-10));
        var gateway = await app.GatewayClientAsync();
        (await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Alerts.AlertWorld.Reading("oxygen-saturation", 85m, Now.AddMinutes(-1))))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        app.Clock.Advance(TimeSpan.FromMinutes(9));
        await RunAsync<EscalationJob>(j => j.RunAsync(default));
        var waiting = await WorklistItemAsync(patient);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await RunAsync<EscalationJob>(j => j.RunAsync(default));
        var escalated = await WorklistItemAsync(patient);

        (waiting.Escalated, waiting.EscalatedTo).ShouldBe((false, (string?)null));
        (escalated.Escalated, escalated.EscalatedTo).ShouldBe((true, "Kari Koordinator"));
    }

    [Fact]
    public async Task AScheduleItemWithoutItsOwnGrace_IsMissingAfterTheServicesDefault()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        await PutAsync(admin, TestWorld.South, Settings(defaultGraceMinutes: 30));
        var withDefault = await PatientWithScheduleAsync(graceMinutes: null);
        var withOwn = await PatientWithScheduleAsync(graceMinutes: 180);

        await RunAsync<MissingReportsJob>(j => j.RunAsync(default));

        await using var db = app.Database.NewContext();
        var missed = await db.MissedReports.Where(m => m.PatientId == withDefault || m.PatientId == withOwn).ToListAsync();
        missed.ShouldAllBe(m => m.PatientId == withDefault);
        missed.ShouldContain(m => m.Deadline == m.DueBy.AddMinutes(30));
    }

    // A patient of service South followed since three hours ago, due to weigh every day by two hours ago (whatever the
    // time of day the clock is pinned to): 30 minutes' grace has passed, 180 minutes' has not.
    private async Task<Guid> PatientWithScheduleAsync(int? graceMinutes)
    {
        var id = Guid.NewGuid();
        var number = graceMinutes is null ? "02055041167" : "03055041287";
        var dueBy = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now.AddHours(-2), Oslo).DateTime);
        await using var db = app.Database.NewContext();
        db.Patients.Add(Patient.Enrol(id, number, "Frist Pasient", TestWorld.South, TestWorld.Skien, null, null, DiagnosisGroup.HeartFailure, Now.AddHours(-3)).Value);
        var rules = Alerts.AlertWorld.Rules with
        {
            Schedule = [new ScheduleItem(MeasurementType.BodyWeight, null, ScheduleItem.EveryDay, dueBy, graceMinutes)],
        };
        db.PlanVersions.Add(TestWorld.Approved(PlanVersion.First(Guid.NewGuid(), id, [TestWorld.Weight], TestWorld.NurseSouth.ToString(), Now.AddHours(-3), rules: rules).Value));
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<(Guid Service, Guid Nurse)> NewServiceAsync()
    {
        var service = Guid.NewGuid();
        var nurse = Guid.NewGuid();
        await using var db = app.Database.NewContext();
        var horten = await db.Organisations.SingleAsync(o => o.Id == TestWorld.Horten);
        db.Organisations.Add(Organisation.FollowUpService(service, "Vest", [horten], null).Value);
        db.StaffMembers.Add(StaffMember.Create(nurse, "Vera Vest", Role.Nurse, service, null).Value);
        await db.SaveChangesAsync();
        return (service, nurse);
    }

    private async Task<GetWorklist.Item> WorklistItemAsync(Guid patient)
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var items = (await nurse.GetFromJsonAsync<List<GetWorklist.Item>>($"/api/services/{TestWorld.North}/worklist", Json.Options))!;
        return items.Single(i => i.Patient.Id == patient && i.Kind == "alert" && i.Category == AlertCategory.Clinical);
    }

    private async Task<int> RunAsync<TJob>(Func<TJob, Task<int>> run)
        where TJob : notnull
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TJob>());
    }
}

public sealed class ServiceSettingsOnSqliteTests(SqliteApp app) : ServiceSettingsTests(app), IClassFixture<SqliteApp>;

public sealed class ServiceSettingsOnPostgresTests(PostgresApp app) : ServiceSettingsTests(app), IClassFixture<PostgresApp>;
