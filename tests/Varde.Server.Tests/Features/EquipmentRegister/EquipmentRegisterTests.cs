using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Devices;
using Varde.Domain.Pathways;
using Varde.Server.Features.Audit;
using Varde.Server.Features.EquipmentRegister;
using Varde.Server.Features.Pathways;
using Varde.Server.Tests.Features.Administration;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.EquipmentRegister;

/// <summary>
/// Issue 17 item 5: the lent-equipment register. Administrators keep the inventory of every service (without patients);
/// the service's nurses and coordinators see who has what, lend and take back; the start-up lends what it records (ADR 0026).
/// </summary>
public abstract class EquipmentRegisterTests(VardeApp app)
{
    private static int _next = 500;

    [Fact]
    public async Task AnAdministratorAddsEquipment_TheNurseLendsIt_AndOnlyTheNurseSeesToWhom()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var nurse = await app.ClientForAsync("nurse.north");
        var meter = await AddAsync(admin, TestWorld.North, "bloodPressureMeter", "bp-lend-1");
        meter.SerialNumber.ShouldBe("BP-LEND-1");
        meter.Status.ShouldBe(EquipmentStatus.InStore);

        var lent = await nurse.PostAsJsonAsync($"/api/equipment/{meter.Id}/hand-out", new { identityNumber = "290296 48784" });

        lent.StatusCode.ShouldBe(HttpStatusCode.OK, await lent.Content.ReadAsStringAsync());
        var byNurse = (await nurse.GetFromJsonAsync<List<EquipmentResponse>>("/api/equipment?serial=bp-lend", Json.Options))!.ShouldHaveSingleItem();
        (byNurse.Status, byNurse.Holder!.Name, byNurse.LentSince).ShouldBe((EquipmentStatus.Lent, "Bjarne Pasient", app.Clock.GetUtcNow()));
        var byAdmin = (await admin.GetFromJsonAsync<List<EquipmentResponse>>("/api/equipment?serial=bp-lend", Json.Options))!.ShouldHaveSingleItem();
        (byAdmin.Status, byAdmin.Holder, byAdmin.LentSince).ShouldBe((EquipmentStatus.Lent, (EquipmentResponse.Patient?)null, app.Clock.GetUtcNow()));
        (await admin.GetStringAsync($"/api/equipment/{meter.Id}")).ShouldNotContain("Bjarne");
        await using var db = app.Database.NewContext();
        (await db.AccessLog.CountAsync(e => e.PatientId == TestWorld.PatientB && e.Action == "equipment.hand-out" && e.ActorId == TestWorld.NurseNorth.ToString()))
            .ShouldBe(1);
        (await db.AccessLog.CountAsync(e => e.PatientId == TestWorld.PatientB && e.Action == "equipment.list")).ShouldBe(1);
    }

    [Fact]
    public async Task Returning_KeepsTheLoanInTheHistory_AndTheItemCanBeLentAgain()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var nurse = await app.ClientForAsync("nurse.north");
        var coordinator = await app.ClientForAsync("coordinator.north");
        var scale = await AddAsync(admin, TestWorld.North, "scale", "SC-RET-1");
        (await nurse.PostAsJsonAsync($"/api/equipment/{scale.Id}/hand-out", new { patientId = TestWorld.PatientA })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await RefusedAsync(coordinator.PostAsJsonAsync($"/api/equipment/{scale.Id}/hand-out", new { patientId = TestWorld.PatientB }), "id");

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await admin.PostAsync($"/api/equipment/{scale.Id}/return", null)).StatusCode.ShouldBe(HttpStatusCode.OK, "it may come back to the office");
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        (await coordinator.PostAsJsonAsync($"/api/equipment/{scale.Id}/hand-out", new { patientId = TestWorld.PatientB })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await RefusedAsync(admin.PostAsync($"/api/equipment/{Guid.NewGuid()}/return", null), null, HttpStatusCode.NotFound);

        var history = (await nurse.GetFromJsonAsync<GetEquipment.Response>($"/api/equipment/{scale.Id}", Json.Options))!;
        history.Loans.Select(l => (l.Patient!.Name, l.HandedOutBy, l.ReturnedBy)).ShouldBe(
            new (string, string, string?)[] { ("Bjarne Pasient", "Kari Koordinator", null), ("Anna Pasient", "Nora Nord", "Tor Admin") });
        var seenByAdmin = (await admin.GetFromJsonAsync<GetEquipment.Response>($"/api/equipment/{scale.Id}", Json.Options))!;
        seenByAdmin.Loans.ShouldAllBe(l => l.Patient == null);
        seenByAdmin.Loans.Count.ShouldBe(2);
    }

    [Fact]
    public async Task AddingAndLending_AreRefusedByField()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var nurse = await app.ClientForAsync("nurse.north");
        await AddAsync(admin, TestWorld.North, "pulseOximeter", "OX-DUP");

        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/equipment", new { serviceId = TestWorld.North, kind = "pulseOximeter", serialNumber = " ox-dup " }), "serialNumber");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/equipment", new { serviceId = TestWorld.North, serialNumber = "OX-NOKIND" }), "kind");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/equipment", new { serviceId = TestWorld.North, kind = "scale", serialNumber = "  " }), "serialNumber");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/equipment", new { serviceId = TestWorld.GpOffice, kind = "scale", serialNumber = "SC-GP" }), "serviceId");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/equipment", new { kind = "scale", serialNumber = "SC-NONE" }), "serviceId");
        await RefusedAsync(admin.PostAsJsonAsync("/api/admin/equipment", new { serviceId = TestWorld.North, kind = "scale", serialNumber = "SC-M", model = new string('m', 201) }), "model");
        var south = await AddAsync(admin, TestWorld.South, "pulseOximeter", "OX-DUP");
        south.ServiceName.ShouldBe("Sør", "the same serial number in another service is another item");

        var north = await AddAsync(admin, TestWorld.North, "thermometer", "TH-LEND");
        await RefusedAsync(nurse.PostAsJsonAsync($"/api/equipment/{north.Id}/hand-out", new { identityNumber = "12345678901" }), "identityNumber");
        await RefusedAsync(nurse.PostAsJsonAsync($"/api/equipment/{north.Id}/hand-out", new { identityNumber = "53097248016" }), "identityNumber");
        await RefusedAsync(nurse.PostAsJsonAsync($"/api/equipment/{north.Id}/hand-out", new { patientId = TestWorld.PatientSouth }), "patientId");
        await RefusedAsync(nurse.PostAsJsonAsync($"/api/equipment/{north.Id}/hand-out", new { }), "identityNumber");
        await RefusedAsync(nurse.PostAsync($"/api/equipment/{north.Id}/return", null), "id");
        await RefusedAsync(nurse.PostAsJsonAsync($"/api/equipment/{south.Id}/hand-out", new { patientId = TestWorld.PatientSouth }), null, HttpStatusCode.NotFound);
        var edited = await admin.PutAsJsonAsync($"/api/admin/equipment/{north.Id}", new { kind = "thermometer", serialNumber = "ox-dup" });
        (await edited.Content.ReadAsStringAsync()).ShouldContain("serialNumber");
        (await admin.PutAsJsonAsync($"/api/admin/equipment/{north.Id}", new { kind = "thermometer", serialNumber = "TH-LEND", version = 99 })).StatusCode
            .ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Roles_OnlyAdministratorsKeepTheInventory_NursesAndCoordinatorsLend_OthersSeeNothing()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var nurse = await app.ClientForAsync("nurse.north");
        var southNurse = await app.ClientForAsync("nurse.south");
        var item = await AddAsync(admin, TestWorld.North, "tablet", "TAB-ROLE");

        (await nurse.PostAsJsonAsync("/api/admin/equipment", new { serviceId = TestWorld.North, kind = "tablet", serialNumber = "TAB-N" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PutAsJsonAsync($"/api/admin/equipment/{item.Id}", new { kind = "tablet", serialNumber = "TAB-N" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await nurse.PostAsync($"/api/admin/equipment/{item.Id}/retire", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsJsonAsync($"/api/equipment/{item.Id}/hand-out", new { patientId = TestWorld.PatientA })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        foreach (var user in new[] { "leader", "gp", "specialist" })
            (await (await app.ClientForAsync(user)).GetAsync("/api/equipment")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, user);
        (await (await app.GatewayClientAsync()).GetAsync("/api/equipment")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await southNurse.GetAsync($"/api/equipment/{item.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await southNurse.GetFromJsonAsync<List<EquipmentResponse>>("/api/equipment", Json.Options))!.ShouldAllBe(e => e.ServiceId == TestWorld.South);
        (await admin.GetFromJsonAsync<List<EquipmentResponse>>($"/api/equipment?serviceId={TestWorld.North}", Json.Options))!.ShouldAllBe(e => e.ServiceId == TestWorld.North);
    }

    [Fact]
    public async Task TheFilters_FindByKindStatusAndServiceDate()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var nurse = await app.ClientForAsync("coordinator.north");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var due = await AddAsync(admin, TestWorld.North, "glucoseMeter", "GL-DUE", serviceDueOn: today);
        var later = await AddAsync(admin, TestWorld.North, "glucoseMeter", "GL-LATER", serviceDueOn: today.AddDays(1));
        var retired = await AddAsync(admin, TestWorld.North, "glucoseMeter", "GL-OLD", serviceDueOn: today.AddDays(-9));
        (await admin.PostAsync($"/api/admin/equipment/{retired.Id}/retire", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await nurse.PostAsJsonAsync($"/api/equipment/{later.Id}/hand-out", new { patientId = TestWorld.PatientA })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await RefusedAsync(admin.PostAsync($"/api/admin/equipment/{later.Id}/retire", null), "id");

        async Task<string[]> Serials(string query) =>
            [.. (await nurse.GetFromJsonAsync<List<EquipmentResponse>>($"/api/equipment?kind=glucoseMeter&{query}", Json.Options))!.Select(e => e.SerialNumber)];

        (await Serials("")).ShouldBe(["GL-DUE", "GL-LATER", "GL-OLD"]);
        (await Serials("status=ServiceDue")).ShouldBe(["GL-DUE"]);
        (await Serials("status=Lent")).ShouldBe(["GL-LATER"]);
        (await Serials("status=InStore")).ShouldBe(["GL-DUE"]);
        (await Serials("status=Retired")).ShouldBe(["GL-OLD"]);
        (await Serials("serial=gl-l")).ShouldBe(["GL-LATER"]);
        due.ServiceDue.ShouldBeTrue();
        later.ServiceDue.ShouldBeFalse();
    }

    [Fact]
    public async Task TheStartUp_LendsTheEquipmentItRecordsThatIsInTheRegister()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var nurse = await app.ClientForAsync("nurse.north");
        var tablet = await AddAsync(admin, TestWorld.North, "tablet", "TAB-START");
        var lentElsewhere = await AddAsync(admin, TestWorld.North, "pulseOximeter", "OX-START");
        (await nurse.PostAsJsonAsync($"/api/equipment/{lentElsewhere.Id}/hand-out", new { patientId = TestWorld.PatientA })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var patient = await AcceptedPatientAsync(nurse);
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var refused = await StartUpAsync(nurse, patient, ("Nettbrett", "tab-start"), ("Pulsoksymeter", "OX-START"));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("OX-START is lent to another patient");
        (await nurse.GetFromJsonAsync<GetEquipment.Response>($"/api/equipment/{tablet.Id}", Json.Options))!.Equipment.Status.ShouldBe(EquipmentStatus.InStore);

        var started = await StartUpAsync(nurse, patient, ("Nettbrett", "tab-start"), ("Vekt", "NOT-IN-REGISTER"));

        started.StatusCode.ShouldBe(HttpStatusCode.OK, await started.Content.ReadAsStringAsync());
        (await started.Content.ReadFromJsonAsync<PathwayResponse>(Json.Options))!.Equipment.Select(e => e.SerialNumber).ShouldBe(["tab-start", "NOT-IN-REGISTER"]);
        var lent = (await nurse.GetFromJsonAsync<GetEquipment.Response>($"/api/equipment/{tablet.Id}", Json.Options))!;
        (lent.Equipment.Status, lent.Equipment.Holder!.Id).ShouldBe((EquipmentStatus.Lent, patient));
        (await StartUpAsync(nurse, patient, ("Nettbrett", "TAB-START"))).StatusCode.ShouldBe(HttpStatusCode.OK, "recording the start-up again keeps the loan");
        (await nurse.GetFromJsonAsync<GetEquipment.Response>($"/api/equipment/{tablet.Id}", Json.Options))!.Loans.Count.ShouldBe(1);
        var audit = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityId={tablet.Id}", Json.Options))!;
        audit.Select(e => (e.Action, e.ActorId)).ShouldBe([("handed-out", TestWorld.NurseNorth.ToString()), ("created", AdminKit.Admin.ToString())]);
    }

    [Fact]
    public async Task EveryChange_IsInTheAuditLog_WithoutThePatient()
    {
        var admin = await AdminKit.AdminClientAsync(app);
        var nurse = await app.ClientForAsync("nurse.north");
        var item = await AddAsync(admin, TestWorld.North, "peakFlowMeter", "PF-AUDIT");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var edited = await admin.PutAsJsonAsync($"/api/admin/equipment/{item.Id}",
            new { kind = "peakFlowMeter", serialNumber = "PF-AUDIT", model = "Mini-Wright", serviceDueOn = "2027-03-01", version = item.Version });
        edited.StatusCode.ShouldBe(HttpStatusCode.OK, await edited.Content.ReadAsStringAsync());
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await nurse.PostAsJsonAsync($"/api/equipment/{item.Id}/hand-out", new { patientId = TestWorld.PatientA });
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await nurse.PostAsync($"/api/equipment/{item.Id}/return", null);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await admin.PostAsync($"/api/admin/equipment/{item.Id}/retire", null);

        var audit = (await admin.GetFromJsonAsync<List<SearchAudit.Entry>>($"/api/admin/audit?entityKind=equipment&entityId={item.Id}", Json.Options))!;

        audit.Select(e => e.Action).ShouldBe(["retired", "returned", "handed-out", "edited", "created"]);
        audit.ShouldAllBe(e => e.EntityName == "PF-AUDIT");
        var edit = audit[3];
        (JsonDocument.Parse(edit.Before!).RootElement.TryGetProperty("model", out _), JsonDocument.Parse(edit.After!).RootElement.GetProperty("model").GetString())
            .ShouldBe((false, "Mini-Wright"));
        JsonDocument.Parse(audit[2].After!).RootElement.GetProperty("status").GetString().ShouldBe("lent");
        foreach (var text in audit.SelectMany(e => new[] { e.Before, e.After }).OfType<string>())
        {
            text.ShouldNotContain(TestWorld.PatientA.ToString());
            text.ShouldNotContain("Anna");
        }
    }

    private async Task<Guid> AcceptedPatientAsync(HttpClient nurse)
    {
        var n = Interlocked.Increment(ref _next);
        string? number = null;
        for (var individual = n * 7; number is null; individual++)
            number = Varde.Domain.Patients.NorwegianIdentityNumber.WithControlDigits($"{1 + (n % 28):D2}{(n % 12) + 1:D2}55{100 + (individual % 400):D3}");
        var referred = await nurse.PostAsJsonAsync("/api/pathways", new
        {
            source = "Fastlege", newPatient = new { identityNumber = number, name = $"Utstyr Pasient {n}", municipalityId = TestWorld.Horten, diagnoses = new[] { "Copd" } },
        });
        referred.StatusCode.ShouldBe(HttpStatusCode.Created, await referred.Content.ReadAsStringAsync());
        var patient = (await referred.Content.ReadFromJsonAsync<PathwayResponse>(Json.Options))!.PatientId;
        (await nurse.PostAsJsonAsync($"/api/patients/{patient}/pathway/assessment", new { })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var coordinator = await app.ClientForAsync("coordinator.north");
        var decision = await coordinator.PostAsJsonAsync($"/api/patients/{patient}/pathway/decision", new
        {
            checklist = new InclusionChecklist(true, true, true, true, true, true, false, false, true), accept = true,
            startDate = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(1), informationSentAt = app.Clock.GetUtcNow(),
        }, Json.Options);
        decision.StatusCode.ShouldBe(HttpStatusCode.OK, await decision.Content.ReadAsStringAsync());
        return patient;
    }

    private Task<HttpResponseMessage> StartUpAsync(HttpClient nurse, Guid patient, params (string Kind, string Serial)[] equipment) =>
        nurse.PostAsJsonAsync($"/api/patients/{patient}/pathway/start-up", new
        {
            homeVisitAt = app.Clock.GetUtcNow(), trainingAt = app.Clock.GetUtcNow(),
            equipment = equipment.Select(e => new { kind = e.Kind, serialNumber = e.Serial }).ToArray(),
        });

    private static async Task<EquipmentResponse> AddAsync(HttpClient admin, Guid serviceId, string kind, string serial, DateOnly? serviceDueOn = null)
    {
        var response = await admin.PostAsJsonAsync("/api/admin/equipment", new { serviceId, kind, serialNumber = serial, serviceDueOn });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<EquipmentResponse>(Json.Options))!;
    }

    private static async Task RefusedAsync(Task<HttpResponseMessage> call, string? field, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        if (field is not null)
            JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldContain(field, body);
    }
}

public sealed class EquipmentRegisterOnSqliteTests(SqliteApp app) : EquipmentRegisterTests(app), IClassFixture<SqliteApp>;

public sealed class EquipmentRegisterOnPostgresTests(PostgresApp app) : EquipmentRegisterTests(app), IClassFixture<PostgresApp>;
