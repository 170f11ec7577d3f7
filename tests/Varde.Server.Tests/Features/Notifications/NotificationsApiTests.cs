using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Measurements;
using Varde.Domain.Messages;
using Varde.Domain.Notifications;
using Varde.Domain.Plans;
using Varde.Domain.Patients;
using Varde.Domain.Services;
using Varde.Server.Features.Messages;
using Varde.Server.Features.Notifications;
using Varde.Server.Tests.Infrastructure;
using Varde.Testing;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Notifications;

/// <summary>
/// Issue 19 item 4 over HTTP on both databases: a due reminder pushed to the patient's subscribed browser (decrypted
/// with the browser's keys, VAPID-signed) and stopped by the reading, a message from the service pushed unless read
/// first, quiet hours, retries with backoff, the SMS fallback when the browser is gone, and the log of every try.
/// </summary>
public abstract class NotificationsApiTests(NotificationsApp app)
{
    private const string Reminder = "Det er tid for å måle eller svare i Varde.";
    private const string NewMessage = "Du har en ny melding fra oppfølgingstjenesten.";

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    /// <summary>Moves the clock on to the next time it is <paramref name="local"/> in Norway.</summary>
    private void MoveToNext(TimeOnly local)
    {
        var at = NorwegianTime.ToInstant(NorwegianTime.Today(Now), local);
        app.Clock.SetUtcNow(at > Now ? at : NorwegianTime.ToInstant(NorwegianTime.Today(Now).AddDays(1), local));
    }

    private async Task<(Guid Patient, HttpClient Tablet, TestPushService.Subscriber Browser)> SubscribedPatientAsync(string? phone = null)
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        if (phone is not null)
        {
            await using var db = app.Database.NewContext();
            (await db.Patients.FindAsync(patient))!.ChangeContact(new PatientContact(phone, null, null), Now);
            await db.SaveChangesAsync();
        }

        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);
        var browser = app.Push.NewSubscriber();
        var subscribed = await tablet.PostAsJsonAsync("/pasient/api/push/subscriptions", browser.AsJson);
        subscribed.StatusCode.ShouldBe(HttpStatusCode.Created, await subscribed.Content.ReadAsStringAsync());
        return (patient, tablet, browser);
    }

    // The jobs work for every patient of the app the test class shares: the tests look at their own patient's.
    private async Task RemindersAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(default);
    }

    private async Task SendAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationSender>().RunAsync(default);
    }

    private async Task<List<Notification>> NotificationsOfAsync(Guid patient)
    {
        await using var db = app.Database.NewContext();
        return await db.Notifications.AsNoTracking().Where(n => n.PatientId == patient).OrderBy(n => n.CreatedAt).ToListAsync();
    }

    private static async Task<List<GetNotificationLog.Response>> LogAsync(HttpClient nurse, Guid patient) =>
        (await nurse.GetFromJsonAsync<List<GetNotificationLog.Response>>($"/api/patients/{patient}/notifications", Json.Options))!;

    private async Task NurseWritesAsync(Guid patient)
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var sent = await nurse.PostAsJsonAsync($"/api/patients/{patient}/messages", new { clientId = Guid.NewGuid().ToString(), text = "Hvordan går det med pusten i dag?" });
        sent.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task ADueReminderIsPushedToTheSubscribedBrowser_AndStopsOnceTheReadingArrives()
    {
        // The weight is due by 09:00 (grace two hours): nothing before, the first round at 09:00.
        MoveToNext(new TimeOnly(8, 50));
        var (patient, tablet, browser) = await SubscribedPatientAsync();
        var key = (await tablet.GetFromJsonAsync<JsonElement>("/pasient/api/push/key")).GetProperty("publicKey").GetString();
        await RemindersAsync();
        (await NotificationsOfAsync(patient)).ShouldBeEmpty();
        MoveToNext(new TimeOnly(9, 1));
        await RemindersAsync();
        await RemindersAsync();
        (await NotificationsOfAsync(patient)).Count.ShouldBe(1, "one reminder per round");
        await SendAsync();

        var push = browser.Received.ShouldHaveSingleItem();
        push.ContentEncoding.ShouldBe("aes128gcm");
        push.Vapid.SignatureValid.ShouldBeTrue();
        push.Vapid.PublicKey.ShouldBe(key);
        // The audience is the push service's origin; the library leaves out a port (real push services are on 443).
        app.Push.BaseAddress.ShouldStartWith(push.Vapid.Audience);
        push.Vapid.Subject.ShouldStartWith("mailto:");
        push.Json.GetProperty("body").GetString().ShouldBe(Reminder);
        push.Json.GetProperty("url").GetString().ShouldBe("/pasient");
        push.Payload.ShouldNotContain("vekt", Case.Insensitive, "no health data in a notification");

        // An hour on, the second round is made; the reading arrives before it goes, and it is not sent.
        MoveToNext(new TimeOnly(10, 1));
        await RemindersAsync();
        (await NotificationsOfAsync(patient)).Count.ShouldBe(2);
        tablet = await PatientAppClients.PatientOnTabletAsync(app, patient); // the earlier session has timed out
        (await tablet.PostAsJsonAsync("/pasient/api/measurements",
            new { clientId = Guid.NewGuid().ToString(), type = "body-weight", value = 81.5m, unit = "kg", effectiveAt = Now })).StatusCode.ShouldBe(HttpStatusCode.Created);
        await SendAsync();
        browser.Received.Count.ShouldBe(1);
        MoveToNext(new TimeOnly(10, 30));
        await RemindersAsync();
        (await NotificationsOfAsync(patient)).Count.ShouldBe(2, "done today: no more rounds");

        var log = await LogAsync(await app.ClientForAsync("nurse.north"), patient);
        log.Select(n => (n.Purpose, n.State, n.DeliveredBy, n.LastError)).ShouldBe([
            ("ReportDue", "NotNeeded", null, "report arrived"), ("ReportDue", "Delivered", "WebPush", null)]);
        log[1].Attempts.ShouldHaveSingleItem().Delivered.ShouldBeTrue();
        log[1].Text.ShouldBe(Reminder);
    }

    [Fact]
    public async Task TwoThingsDueTogether_AreOneReminder()
    {
        MoveToNext(new TimeOnly(8, 0));
        var twoAtNine = Rules with
        {
            Schedule = [.. Rules.Schedule, new ScheduleItem(MeasurementType.OxygenSaturation, null, ScheduleItem.EveryDay, new TimeOnly(9, 0), 120)],
        };
        var patient = await PatientAsync(app, Now.AddDays(-10), rules: twoAtNine);
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);
        var browser = app.Push.NewSubscriber();
        (await tablet.PostAsJsonAsync("/pasient/api/push/subscriptions", browser.AsJson)).StatusCode.ShouldBe(HttpStatusCode.Created);

        MoveToNext(new TimeOnly(9, 1));
        await RemindersAsync();
        await SendAsync();

        browser.Received.Count.ShouldBe(1);
        (await NotificationsOfAsync(patient)).Select(n => (n.State, n.LastError)).ShouldBe(
            [(NotificationState.Delivered, null), (NotificationState.NotNeeded, "reminded already")], ignoreOrder: true);
    }

    [Fact]
    public async Task AFailingPushIsTriedAgainWithBackoff_AndEveryTryIsLogged()
    {
        MoveToNext(new TimeOnly(12, 0));
        var (patient, _, browser) = await SubscribedPatientAsync();
        browser.AnswerWith(503, 500);

        await NurseWritesAsync(patient);
        await SendAsync();
        browser.Received.ShouldBeEmpty("a message waits two minutes: she may be reading it now");
        app.Clock.Advance(Notify.MessageDelay);
        await SendAsync();
        browser.Received.Count.ShouldBe(1);
        app.Clock.Advance(TimeSpan.FromSeconds(59));
        await SendAsync();
        browser.Received.Count.ShouldBe(1, "the first retry comes after a minute");
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        await SendAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        await SendAsync();

        browser.Received.Select(p => p.AnsweredWith).ShouldBe([503, 500, 201]);
        browser.Received.Last().Json.GetProperty("body").GetString().ShouldBe(NewMessage);
        var sent = (await LogAsync(await app.ClientForAsync("nurse.north"), patient)).ShouldHaveSingleItem();
        (sent.Purpose, sent.State, sent.DeliveredBy).ShouldBe(("NewMessage", "Delivered", "WebPush"));
        sent.Attempts.Select(a => (a.Number, a.Delivered, a.Error)).ShouldBe([
            (1, false, "push 503; no further channel"), (2, false, "push 500; no further channel"), (3, true, null)]);
        (sent.Attempts[1].At - sent.Attempts[0].At).ShouldBe(TimeSpan.FromMinutes(1));
        (sent.Attempts[2].At - sent.Attempts[1].At).ShouldBe(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task ABrowserThePushServiceNoLongerKnows_IsDropped_AndTheMessageGoesBySms()
    {
        MoveToNext(new TimeOnly(13, 0));
        var (patient, _, browser) = await SubscribedPatientAsync(phone: "917 65 432");
        browser.AnswerWith(410);

        await NurseWritesAsync(patient);
        app.Clock.Advance(Notify.MessageDelay);
        await SendAsync();

        app.Sms.Sent.ShouldContain(("+4791765432", $"{NewMessage} https://varde.test/pasient/meldinger"));
        var sent = (await LogAsync(await app.ClientForAsync("nurse.north"), patient)).ShouldHaveSingleItem();
        (sent.State, sent.DeliveredBy).ShouldBe(("Delivered", "Sms"));

        // The gone browser is not tried again.
        await NurseWritesAsync(patient);
        app.Clock.Advance(Notify.MessageDelay);
        await SendAsync();
        browser.Received.Count.ShouldBe(1);
        app.Sms.Sent.Count(s => s.To == "+4791765432").ShouldBe(2);
        app.Logs.Lines.ShouldNotContain(l => l.Contains("91765432") || l.Contains("917 65 432"), "no phone number in the logs");
    }

    [Fact]
    public async Task NothingIsSentInQuietHours_AndAMessageReadMeanwhileIsNotSentAtAll()
    {
        MoveToNext(new TimeOnly(22, 30));
        var (patient, tablet, browser) = await SubscribedPatientAsync();

        await NurseWritesAsync(patient);
        app.Clock.Advance(Notify.MessageDelay);
        await SendAsync();
        browser.Received.ShouldBeEmpty();
        var waiting = (await LogAsync(await app.ClientForAsync("nurse.north"), patient)).ShouldHaveSingleItem();
        waiting.NextAttemptAt.ShouldBe(NorwegianTime.ToInstant(NorwegianTime.Today(Now).AddDays(1), new TimeOnly(8, 0)));

        // She reads it before she goes to bed; at 08:00 there is nothing to tell her.
        app.Clock.Advance(TimeSpan.FromMinutes(20));
        (await tablet.PostAsync("/pasient/api/messages/read", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        MoveToNext(new TimeOnly(8, 0));
        await SendAsync();
        browser.Received.ShouldBeEmpty();
        (await LogAsync(await app.ClientForAsync("nurse.north"), patient)).Single().LastError.ShouldBe("message read");
    }

    [Fact]
    public async Task ARedWaitingPastTheLimit_ReachesTheCoordinatorBySms_UnlessANurseAcknowledgesItFirst()
    {
        MoveToNext(new TimeOnly(11, 0));
        await OpeningHoursAsync(app, alwaysOpen: true, escalateAfterMinutes: 30);
        await WorkPhoneAsync(TestWorld.CoordinatorNorth, "400 00 006");
        var gateway = await app.GatewayClientAsync();
        var (waits, seen) = (await PatientAsync(app, Now.AddDays(-10)), await PatientAsync(app, Now.AddDays(-10)));
        var alerts = new List<Guid>();
        foreach (var patient in new[] { waits, seen })
        {
            var red = await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements",
                new { clientId = Guid.NewGuid().ToString(), type = "oxygen-saturation", value = 85m, unit = "%", effectiveAt = Now.AddMinutes(-1) });
            red.StatusCode.ShouldBe(HttpStatusCode.Created);
            alerts.Add((await red.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alertId").GetGuid());
        }

        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Varde.Server.Features.Alerts.EscalationJob>().RunAsync(default);
        (await (await app.ClientForAsync("nurse.north")).PostAsync($"/api/alerts/{alerts[1]}/acknowledge", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await SendAsync();

        app.Sms.Sent.Count(s => s.To == "+4740000006").ShouldBe(1);
        app.Sms.Sent.ShouldContain(("+4740000006", "Et rødt varsel venter på kvittering i Varde. https://varde.test/worklist"));
        (await NotificationsOfAsync(waits)).ShouldHaveSingleItem().State.ShouldBe(NotificationState.Delivered);
        var acknowledged = (await NotificationsOfAsync(seen)).ShouldHaveSingleItem();
        (acknowledged.State, acknowledged.LastError, acknowledged.RecipientId).ShouldBe((NotificationState.NotNeeded, "alert acknowledged", TestWorld.CoordinatorNorth));
    }

    [Fact]
    public async Task ARedWaitingPastTheLimit_GoesToTheCoordinatorOnDuty_NotTheOneAtHome()
    {
        MoveToNext(new TimeOnly(9, 0));
        await OpeningHoursAsync(app, alwaysOpen: true, escalateAfterMinutes: 30);
        await WorkPhoneAsync(TestWorld.CoordinatorNorth, "400 00 006");
        var onDuty = Guid.NewGuid();
        await using (var db = app.Database.NewContext())
        {
            db.StaffMembers.Add(Varde.Domain.Staff.StaffMember.Create(onDuty, "Vera Vakt", Varde.Domain.Access.Role.Coordinator, TestWorld.North, null, "400 00 016").Value);
            db.DutyShifts.Add(Varde.Domain.Services.DutyShift.Start(Guid.NewGuid(), TestWorld.North, onDuty, Now.AddHours(-1)));
            await db.SaveChangesAsync();
        }

        var patient = await PatientAsync(app, Now.AddDays(-10));
        var red = await (await app.GatewayClientAsync()).PostAsJsonAsync($"/api/patients/{patient}/measurements",
            new { clientId = Guid.NewGuid().ToString(), type = "oxygen-saturation", value = 85m, unit = "%", effectiveAt = Now.AddMinutes(-1) });
        red.StatusCode.ShouldBe(HttpStatusCode.Created);
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Varde.Server.Features.Alerts.EscalationJob>().RunAsync(default);

        (await NotificationsOfAsync(patient)).ShouldHaveSingleItem().RecipientId.ShouldBe(onDuty);
        await using var after = app.Database.NewContext();
        (await after.DutyShifts.SingleAsync(s => s.StaffMemberId == onDuty)).End(Now);
        (await after.StaffMembers.SingleAsync(s => s.Id == onDuty)).Deactivate(Now); // the other tests of this class know one coordinator
        await after.SaveChangesAsync();
    }

    [Fact]
    public async Task APlanWaitingForTheGp_IsToldHerBySms_AndAReplacedDraftIsNot()
    {
        MoveToNext(new TimeOnly(12, 30));
        await WorkPhoneAsync(TestWorld.Gp, "+47 400 00 003");
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        var nurse = await app.ClientForAsync("nurse.north");
        for (var draft = 1; draft <= 2; draft++)
        {
            var revised = await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions",
                new { thresholds = new[] { Spo2, Weight }, changeNote = $"Utkast {draft}", rules = Rules }, Json.Options);
            revised.StatusCode.ShouldBe(HttpStatusCode.Created, await revised.Content.ReadAsStringAsync());
        }

        await SendAsync();

        app.Sms.Sent.Count(s => s.To == "+4740000003" && s.Text.StartsWith("En plan", StringComparison.Ordinal))
            .ShouldBe(1, "the first draft was replaced before it went");
        app.Sms.Sent.ShouldContain(("+4740000003", "En plan for hjemmeoppfølging venter på din godkjenning i Varde. https://varde.test/patients"));
        (await NotificationsOfAsync(patient)).Select(n => (n.Purpose, n.State, n.LastError)).ShouldBe([
            (NotificationPurpose.PlanAwaitsApproval, NotificationState.NotNeeded, "plan replaced"),
            (NotificationPurpose.PlanAwaitsApproval, NotificationState.Delivered, null)]);
    }

    [Fact]
    public async Task AMessageHandedOnToTheGp_LeavesTheWorklist_AndTheGpIsToldOnce_WithoutWhatItSays()
    {
        MoveToNext(new TimeOnly(13, 10));
        await WorkPhoneAsync(TestWorld.Gp, "+47 400 00 003");
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);
        var nurse = await app.ClientForAsync("nurse.north");
        var sent = await tablet.PostAsJsonAsync("/pasient/api/messages", new { clientId = "q-1", text = "Kan legen se på medisinlisten min?" });
        sent.StatusCode.ShouldBe(HttpStatusCode.Created);
        var messageId = (await sent.Content.ReadFromJsonAsync<MessageResponse>(Json.Options))!.Id;
        var before = await nurse.GetFromJsonAsync<ThreadResponse>($"/api/patients/{patient}/messages", Json.Options);
        before!.HandOnTo.ShouldBe(new HandOnTarget(TestWorld.Gp, "Gunnar Lege"));

        var toAnother = await nurse.PostAsJsonAsync($"/api/patients/{patient}/messages/handled",
            new { messageIds = new[] { messageId }, handedOnTo = TestWorld.NurseNorth });
        var handed = await nurse.PostAsJsonAsync($"/api/patients/{patient}/messages/handled", new { messageIds = new[] { messageId }, handedOnTo = TestWorld.Gp });
        var again = await nurse.PostAsJsonAsync($"/api/patients/{patient}/messages/handled", new { messageIds = new[] { messageId }, handedOnTo = TestWorld.Gp });
        await SendAsync();

        toAnother.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "only the patient's own GP takes a message over");
        (await toAnother.Content.ReadAsStringAsync()).ShouldContain("handedOnTo");
        handed.StatusCode.ShouldBe(HttpStatusCode.OK, await handed.Content.ReadAsStringAsync());
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("handled").GetInt32().ShouldBe(0, "handled once");
        var worklist = await nurse.GetFromJsonAsync<List<Varde.Server.Features.Alerts.GetWorklist.Item>>($"/api/services/{TestWorld.North}/worklist", Json.Options);
        worklist!.ShouldNotContain(i => i.Patient.Id == patient);
        var asNurse = (await nurse.GetFromJsonAsync<ThreadResponse>($"/api/patients/{patient}/messages", Json.Options))!.Messages.Single();
        (asNurse.Handled, asNurse.HandedOnTo).ShouldBe((MessageHandlingKind.HandedOn, "Gunnar Lege"));
        var asPatient = (await tablet.GetFromJsonAsync<ThreadResponse>("/pasient/api/messages", Json.Options))!.Messages.Single();
        (asPatient.Handled, asPatient.HandedOnTo).ShouldBe((MessageHandlingKind.HandedOn, null));
        var asGp = await (await app.ClientForAsync("gp")).GetFromJsonAsync<ThreadResponse>($"/api/patients/{patient}/messages", Json.Options);
        asGp!.Messages.Single().Text.ShouldBe("Kan legen se på medisinlisten min?", "the GP reads the thread in the record");
        app.Sms.Sent.Count(s => s.To == "+4740000003" && s.Text == "Hjemmeoppfølgingen har sendt en henvendelse videre til deg i Varde. https://varde.test/patients")
            .ShouldBe(1);
        (await NotificationsOfAsync(patient)).Where(n => n.Purpose == NotificationPurpose.MessageHandedOn).Select(n => (n.RecipientId, n.State))
            .ShouldBe([(TestWorld.Gp, NotificationState.Delivered)]);
    }

    private async Task WorkPhoneAsync(Guid staffId, string phone)
    {
        await using var db = app.Database.NewContext();
        var staff = (await db.StaffMembers.FindAsync(staffId))!;
        staff.Edit(staff.Name, staff.Role, staff.OrganisationId, staff.HprNumber, phone).ShouldBeEmpty();
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task OnlyThePatientSubscribes_ABadSubscriptionIsRefusedByField_AndTheLogIsTheCareTeams()
    {
        MoveToNext(new TimeOnly(9, 2));
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);

        var bad = await tablet.PostAsJsonAsync("/pasient/api/push/subscriptions",
            new { endpoint = "http://push.example.org/x", keys = new { p256dh = "AAAA", auth = "" } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldBe(["endpoint", "keys.p256dh", "keys.auth"], ignoreOrder: true);

        (await PatientAppClients.Browser(app).PostAsJsonAsync("/pasient/api/push/subscriptions", app.Push.NewSubscriber().AsJson))
            .StatusCode.ShouldNotBe(HttpStatusCode.Created);
        (await (await app.ClientForAsync("nurse.south")).GetAsync($"/api/patients/{patient}/notifications")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.ClientForAsync("nurse.north")).GetAsync($"/api/patients/{patient}/notifications")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Turning notifications off in the browser revokes it: no reminder is made for her.
        var browser = app.Push.NewSubscriber();
        (await tablet.PostAsJsonAsync("/pasient/api/push/subscriptions", browser.AsJson)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await tablet.DeleteAsync($"/pasient/api/push/subscriptions?endpoint={Uri.EscapeDataString(browser.Endpoint)}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await RemindersAsync();
        (await LogAsync(await app.ClientForAsync("nurse.north"), patient)).ShouldBeEmpty();
    }
}

public sealed class NotificationsApiOnSqliteTests(NotificationsOnSqliteApp app) : NotificationsApiTests(app), IClassFixture<NotificationsOnSqliteApp>;

public sealed class NotificationsApiOnPostgresTests(NotificationsOnPostgresApp app) : NotificationsApiTests(app), IClassFixture<NotificationsOnPostgresApp>;
