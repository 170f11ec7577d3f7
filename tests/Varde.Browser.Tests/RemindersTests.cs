using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Varde.Domain.Access;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Services;
using Varde.Server.Demo;
using Varde.Server.Features.Notifications;
using Varde.Testing;

namespace Varde.Browser.Tests;

/// <summary>
/// The demo at 10:05 on a weekday morning (the test's own time of day, whatever <c>VARDE_TEST_NOW</c> says: a reminder
/// at 03:00 would wait for the morning), with a push service on 127.0.0.1 standing in for the browser vendors'.
/// </summary>
public sealed class RemindersBrowserApp : BrowserApp
{
    public TestPushService Push { get; private set; } = null!;

    protected override DateTimeOffset ClockStart => NorwegianTime.ToInstant(NorwegianTime.Today(TestClock.Start), new TimeOnly(10, 5));

    protected override async Task StartingAsync() => Push = await TestPushService.StartAsync();

    protected override async Task StoppedAsync() => await Push.DisposeAsync();
}

/// <summary>
/// Issue 19 item 4 in real Chromium: the patient turns reminders on with the button on "I dag" (the page's own script
/// asks for permission, subscribes with Varde's VAPID key and hands the subscription over); the weight due at 10:00
/// is pushed to her browser's subscription, encrypted for its keys; once she has weighed herself the next round an hour
/// later is not sent — while a patient who has not weighed herself gets it.
/// <para>Chromium cannot reach a real push service here, so the page's <c>PushManager</c> hands out the test push
/// service's subscription (the keys are the test's, as a browser's would be its own); the rest is the app's.</para>
/// </summary>
public sealed class RemindersTests(RemindersBrowserApp app) : IClassFixture<RemindersBrowserApp>
{
    private const string Reminder = "Det er tid for å måle eller svare i Varde.";
    private static int _next;

    [Fact]
    public async Task ThePatientTurnsRemindersOn_TheDueWeightIsPushedToHerBrowser_AndTheNextRoundStopsOnceSheHasWeighed()
    {
        var (weighs, forgets) = (await PatientWithWeightDueAt10Async("Reidun"), await PatientWithWeightDueAt10Async("Sigrun"));
        var (page, browser) = await TurnsRemindersOnAsync(weighs, shoot: true);
        var (_, otherBrowser) = await TurnsRemindersOnAsync(forgets, shoot: false);

        await RunNotificationJobsAsync();
        foreach (var push in new[] { browser.Received.ShouldHaveSingleItem(), otherBrowser.Received.ShouldHaveSingleItem() })
        {
            push.Vapid.SignatureValid.ShouldBeTrue();
            push.Json.GetProperty("body").GetString().ShouldBe(Reminder);
        }

        await page.GotoAsync("/pasient/maling/body-weight");
        await page.GetByLabel("Vekt", new() { Exact = true }).FillAsync("82,4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/pasient/resultat/"));

        app.Clock.Advance(TimeSpan.FromHours(1));
        await RunNotificationJobsAsync();
        browser.Received.Count.ShouldBe(1, "she has weighed herself: no second round");
        otherBrowser.Received.Count.ShouldBe(2, "the one who has not gets the second round");

        // The nurse sees on the patient page what Varde told her.
        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync($"/patients/{forgets}");
        var log = nurse.GetByTestId("notifications");
        await log.GetByText("2 varsler").ClickAsync();
        await Assertions.Expect(log.GetByTestId("notification")).ToHaveCountAsync(2);
        await Assertions.Expect(log.GetByTestId("notification").First).ToContainTextAsync("Påminnelse om måling eller skjema");
        await Assertions.Expect(log.GetByTestId("notification").First).ToContainTextAsync("Levert som varsel i appen");
        await log.ScrollIntoViewIfNeededAsync();
        await nurse.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-view-notifications.png") });
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
    }

    // A heart-failure patient of the demo service whose plan asks for the weight by 10:00 (two hours' grace).
    private async Task<Guid> PatientWithWeightDueAt10Async(string firstName)
    {
        var n = Interlocked.Increment(ref _next);
        var now = app.Clock.GetUtcNow();
        var id = Guid.NewGuid();
        string? number = null;
        for (var individual = 100 + n * 7; number is null; individual++)
            number = NorwegianIdentityNumber.WithControlDigits($"{10 + n:D2}0448{individual:D3}");
        await using var db = app.Database.NewContext();
        db.Patients.Add(Patient.Enrol(id, number, $"{firstName} Påminnelse", DemoIds.For("service"), DemoIds.For("horten"), DemoIds.For("fastlege1"), null,
            DiagnosisGroup.HeartFailure, now.AddDays(-30)).Value);
        var rules = DefaultPlans.Rules(DiagnosisGroup.HeartFailure);
        rules.Schedule.ShouldHaveSingleItem().DueBy.ShouldBe(new TimeOnly(10, 0));
        var plan = PlanVersion.First(Guid.NewGuid(), id, [], DemoIds.For("sykepleier1").ToString(), now.AddDays(-30), rules: rules).Value;
        plan.Approve(new Caller(DemoIds.For("fastlege1").ToString(), Role.Gp, Guid.Empty), plan.CreatedAt, plan.Number).ShouldBeEmpty();
        db.PlanVersions.Add(plan);
        await db.SaveChangesAsync();
        return id;
    }

    private async Task<(IPage Page, TestPushService.Subscriber Browser)> TurnsRemindersOnAsync(Guid patient, bool shoot)
    {
        var browser = app.Push.NewSubscriber();
        var page = await app.EnrolledTabletPageAsync("phone", patientId: patient);
        await page.Context.GrantPermissionsAsync(["notifications"]);
        await page.Context.AddInitScriptAsync(PushManagerHandingOut(browser));
        await page.GotoAsync("/pasient");

        var panel = page.Locator("section.reminders");
        await Assertions.Expect(panel).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByText("Få et varsel på denne enheten")).ToBeVisibleAsync();
        await panel.GetByRole(AriaRole.Button, new() { Name = "Slå på påminnelser" }).ClickAsync();
        await Assertions.Expect(panel.GetByText("Påminnelser er slått på for denne enheten")).ToBeVisibleAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Slå av påminnelser" })).ToBeVisibleAsync();
        (await page.EvaluateAsync<string>("window.__vardeApplicationServerKey")).ShouldNotBeNullOrEmpty("subscribed with Varde's VAPID key");
        if (shoot)
        {
            await panel.ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "patient-reminders-phone.png"), FullPage = true });
            await Accessibility.ShouldHaveNoViolationsAsync(page);
        }

        return (page, browser);
    }

    private async Task RunNotificationJobsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(default);
        await scope.ServiceProvider.GetRequiredService<NotificationSender>().RunAsync(default);
    }

    // The browser's PushManager, handing out the test push service's subscription for this browser.
    private static string PushManagerHandingOut(TestPushService.Subscriber browser) => $$"""
        (() => {
          const json = {{System.Text.Json.JsonSerializer.Serialize(browser.AsJson)}};
          let current = null;
          const subscription = () => ({ endpoint: json.endpoint, expirationTime: null, options: { userVisibleOnly: true },
            toJSON: () => json, unsubscribe: async () => { current = null; return true; } });
          PushManager.prototype.subscribe = async function (options) {
            const key = new Uint8Array(options.applicationServerKey);
            window.__vardeApplicationServerKey = btoa(String.fromCharCode(...key));
            current = subscription();
            return current;
          };
          PushManager.prototype.getSubscription = async function () { return current; };
        })();
        """;
}
