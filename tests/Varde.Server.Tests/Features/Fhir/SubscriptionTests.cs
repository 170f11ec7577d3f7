using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Subscriptions;
using Varde.Server.Features.Fhir;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Tests.Features.Fhir;

/// <summary>
/// Issue 20 item 6: FHIR Subscriptions (R4 backport, rest-hook) on both databases, with a subscriber listening on
/// 127.0.0.1. The handshake comes first; a red alert of the GP's patient reaches the GP's system as a notification
/// bundle that Firely's strict parser reads; another GP's patient does not; a subscriber that is down costs the intake
/// nothing, is retried after the backoff, and gets the events in order.
/// </summary>
public abstract class SubscriptionTests(VardeApp app) : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string? Authorization, string Body)> _received = new();
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly TaskCompletionSource _bothArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrivals;
    private WebApplication _subscriber = null!;

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private string Endpoint => $"{_subscriber.Urls.First()}/hook";

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _subscriber = builder.Build();
        _subscriber.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            _received.Enqueue((request.Headers.Authorization.ToString(), await reader.ReadToEndAsync()));
            return Results.StatusCode(_answers.TryDequeue(out var status) ? status : 200);
        });
        // Two endpoints that answer only once both have a request in hand: met only when they are sent to at the same time.
        _subscriber.MapPost("/meet/{name}", async (string name) =>
        {
            if (Interlocked.Increment(ref _arrivals) == 2)
                _bothArrived.TrySetResult();
            try
            {
                await _bothArrived.Task.WaitAsync(TimeSpan.FromSeconds(4));
                return Results.Ok();
            }
            catch (TimeoutException)
            {
                return Results.StatusCode(503);
            }
        });
        await _subscriber.StartAsync();
        // Events of earlier tests on this server happened before; a subscription made now hears only what follows.
        app.Clock.Advance(TimeSpan.FromSeconds(1));
    }

    public async Task DisposeAsync()
    {
        await using (var db = app.Database.NewContext())
        {
            await db.SubscriptionNotifications.ExecuteDeleteAsync();
            await db.FhirSubscriptions.ExecuteDeleteAsync();
        }

        await _subscriber.DisposeAsync();
    }

    [Fact]
    public async Task TheGpsSystem_HearsOfARedAlertOfHerPatient_ByRestHook_AfterTheHandshake()
    {
        var own = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        var others = await PatientAsync(app, Now.AddDays(-10));
        var gp = await app.ClientForAsync("gp");
        var created = await CreateAsync(gp, "https://varde.no/fhir/SubscriptionTopic/detected-issue", "DetectedIssue?severity=high", "full-resource",
            header: "Authorization: Bearer hook-secret");
        created.Status.ShouldBe(Hl7.Fhir.Model.Subscription.SubscriptionStatus.Requested);
        created.Channel.Header.ShouldBe(["Authorization: (hidden)"], "the subscriber's secret is never shown back");

        await RunAsync();
        var handshake = Notifications().ShouldHaveSingleItem();
        Status(handshake).Type.ShouldBe("handshake");
        _received.Single().Authorization.ShouldBe("Bearer hook-secret");
        (await ReadAsync(gp, created.Id!)).Status.ShouldBe(Hl7.Fhir.Model.Subscription.SubscriptionStatus.Active);

        var gateway = await app.GatewayClientAsync();
        (await gateway.PostAsJsonAsync($"/api/patients/{others}/measurements", Reading("oxygen-saturation", 85m, Now.AddMinutes(-2)))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await gateway.PostAsJsonAsync($"/api/patients/{own}/measurements", Reading("oxygen-saturation", 86m, Now.AddMinutes(-1)))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await gateway.PostAsJsonAsync($"/api/patients/{own}/measurements", Reading("oxygen-saturation", 90m, Now))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await RunAsync();

        var events = Notifications().Skip(1).ToList();
        var opened = events.First();
        var status = Status(opened);
        (status.Type, status.EventNumber).ShouldBe(("event-notification", "1"));
        var issue = opened.Entry[1].Resource.ShouldBeOfType<DetectedIssue>()!;
        issue.Patient!.Reference.ShouldBe($"Patient/{own}");
        issue.Severity.ShouldBe(DetectedIssue.DetectedIssueSeverity.High);
        opened.Entry[1].FullUrl.ShouldEndWith($"/fhir/DetectedIssue/{issue.Id}");
        status.Focus.ShouldBe(opened.Entry[1].FullUrl);
        events.Select(e => ((DetectedIssue)e.Entry[1].Resource!).Patient!.Reference).ShouldAllBe(r => r == $"Patient/{own}", "another GP's patient is not told");
        events.Select(e => Status(e).EventNumber).ShouldBe([.. Enumerable.Range(1, events.Count).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        await using (var db = app.Database.NewContext())
            (await db.AccessLog.AnyAsync(e => e.PatientId == own && e.Action == "fhir.subscription" && e.ActorId == TestWorld.Gp.ToString())).ShouldBeTrue();

        var statusBundle = await FhirAsync<Bundle>(gp, $"/fhir/Subscription/{created.Id}/$status");
        var parameters = statusBundle.Entry.Single().Resource.ShouldBeOfType<Parameters>();
        parameters.GetSingleValue<FhirString>("events-since-subscription-start")!.Value.ShouldBe(events.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        parameters.GetSingleValue<Code>("status")!.Value.ShouldBe("active");
    }

    [Fact]
    public async Task ASubscriberThatIsDown_CostsTheIntakeNothing_IsRetriedAfterTheBackoff_AndHearsTheEventsInOrder()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var nurse = await app.ClientForAsync("nurse.north");
        var created = await CreateAsync(nurse, "https://varde.no/fhir/SubscriptionTopic/observation", $"Observation?patient=Patient/{patient}", "id-only");
        _answers.Enqueue(503);
        await RunAsync();
        _received.Count.ShouldBe(1);
        (await ReadAsync(nurse, created.Id!)).Status.ShouldBe(Hl7.Fhir.Model.Subscription.SubscriptionStatus.Requested, "the handshake has not arrived");

        var gateway = await app.GatewayClientAsync();
        (await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", 95m, Now.AddMinutes(-2)))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await using (var db = app.Database.NewContext())
            (await db.SubscriptionNotifications.CountAsync(n => n.Kind == NotificationKind.EventNotification)).ShouldBe(0, "the intake writes no notification: the matcher does, later");
        await RunAsync();
        _received.Count.ShouldBe(1, "nothing goes before the handshake, and the handshake waits for its retry");

        app.Clock.Advance(SubscriptionNotification.RetryDelays[0]);
        _answers.Enqueue(200);
        _answers.Enqueue(500);
        await RunAsync();
        (await ReadAsync(nurse, created.Id!)).Status.ShouldBe(Hl7.Fhir.Model.Subscription.SubscriptionStatus.Active);
        _received.Count.ShouldBe(3, "the handshake, then the first event, which failed");
        (await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", 96m, Now.AddMinutes(-1)))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await RunAsync();
        _received.Count.ShouldBe(3, "the second event waits behind the first");

        app.Clock.Advance(SubscriptionNotification.RetryDelays[0]);
        await RunAsync();
        Notifications().Select(n => Status(n).EventNumber ?? Status(n).Type).ShouldBe(["handshake", "handshake", "1", "1", "2"],
            "the handshake twice (503, then 200), event 1 twice (500, then 200), then event 2");
        var events = Notifications().Skip(3).ToList();
        events.ShouldAllBe(e => e.Entry.Count == 2 && e.Entry[1].Resource == null && e.Entry[1].FullUrl!.Contains("/fhir/Observation/"), "id-only: the URL, not the resource");
        await using (var db = app.Database.NewContext())
            (await db.SubscriptionNotifications.Where(n => n.SubscriptionId == Guid.Parse(created.Id!) && n.Kind == NotificationKind.EventNotification).Select(n => n.Attempts).ToListAsync())
                .ShouldBe([2, 1], ignoreOrder: true);
    }

    [Fact]
    public async Task MissedEvents_AreFetchedWithEvents_AsTheOwnerMayStillSeeThem()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var nurse = await app.ClientForAsync("nurse.north");
        var created = await CreateAsync(nurse, "https://varde.no/fhir/SubscriptionTopic/observation", $"Observation?patient=Patient/{patient}", "id-only");
        await RunAsync();
        var gateway = await app.GatewayClientAsync();
        foreach (var value in new[] { 95m, 96m, 97m })
        {
            (await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", value, Now.AddMinutes(-5 + (int)(value - 95)))))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
            app.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        await RunAsync();

        var all = await FhirAsync<Bundle>(nurse, $"/fhir/Subscription/{created.Id}/$events");
        all.Type.ShouldBe(Bundle.BundleType.History);
        var status = all.Entry[0].Resource.ShouldBeOfType<Parameters>();
        status.GetSingleValue<Code>("type")!.Value.ShouldBe("query-event");
        EventNumbers(status).ShouldBe(["1", "2", "3"]);
        all.Entry.Skip(1).ShouldAllBe(e => e.Resource == null && e.FullUrl!.Contains("/fhir/Observation/"), "id-only, as the subscription asks");

        var missed = await FhirAsync<Bundle>(nurse, $"/fhir/Subscription/{created.Id}/$events?eventsSinceNumber=2&eventsUntilNumber=3&content=full-resource");
        EventNumbers(missed.Entry[0].Resource.ShouldBeOfType<Parameters>()).ShouldBe(["2", "3"]);
        missed.Entry.Skip(1).Select(e => ((Quantity)e.Resource.ShouldBeOfType<Observation>().Value!).Value).ShouldBe([96m, 97m]);

        (await nurse.GetAsync($"/fhir/Subscription/{created.Id}/$events?eventsSinceNumber=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nurse.GetAsync($"/fhir/Subscription/{created.Id}/$events?content=everything")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await (await app.ClientForAsync("nurse.south")).GetAsync($"/fhir/Subscription/{created.Id}/$events")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The patient moves to another service: the events are still listed, but no longer with the reading itself.
        await using (var db = app.Database.NewContext())
            await db.Patients.Where(p => p.Id == patient).ExecuteUpdateAsync(u => u.SetProperty(p => p.FollowUpServiceId, TestWorld.South));
        var after = await FhirAsync<Bundle>(nurse, $"/fhir/Subscription/{created.Id}/$events?content=full-resource");
        after.Entry.Skip(1).ShouldAllBe(e => e.Resource == null);
    }

    private static List<string?> EventNumbers(Parameters status) =>
        [.. status.Parameter.Where(p => p.Name == "notification-event").Select(p => (p.Part.Single(x => x.Name == "event-number").Value as FhirString)?.Value)];

    [Fact]
    public async Task Subscriptions_AreSentToAtTheSameTime_SoOneSlowEndpointDoesNotHoldUpAnother()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var first = await CreateAsync(nurse, "https://varde.no/fhir/SubscriptionTopic/detected-issue", $"DetectedIssue?patient=Patient/{TestWorld.PatientA}", "id-only",
            endpoint: $"{_subscriber.Urls.First()}/meet/first");
        var second = await CreateAsync(nurse, "https://varde.no/fhir/SubscriptionTopic/detected-issue", $"DetectedIssue?patient=Patient/{TestWorld.PatientA}", "id-only",
            endpoint: $"{_subscriber.Urls.First()}/meet/second");

        await RunAsync();

        _arrivals.ShouldBe(2);
        (await ReadAsync(nurse, first.Id!)).Status.ShouldBe(Hl7.Fhir.Model.Subscription.SubscriptionStatus.Active, "its handshake was answered while the other's was open");
        (await ReadAsync(nurse, second.Id!)).Status.ShouldBe(Hl7.Fhir.Model.Subscription.SubscriptionStatus.Active);
    }

    [Fact]
    public async Task AHandshakeThatNeverArrives_TurnsTheSubscriptionOff_AndAHeartbeatKeepsAnIdleOneAlive()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        var unreachable = await CreateAsync(nurse, "https://varde.no/fhir/SubscriptionTopic/detected-issue", null, "empty", endpoint: "http://127.0.0.1:9/hook");
        foreach (var delay in SubscriptionNotification.RetryDelays.Prepend(TimeSpan.Zero))
        {
            app.Clock.Advance(delay);
            await RunAsync();
        }

        nurse = await app.ClientForAsync("nurse.north"); // the first token expired while the clock went on
        var off = await ReadAsync(nurse, unreachable.Id!);
        off.Status.ShouldBe(Hl7.Fhir.Model.Subscription.SubscriptionStatus.Off);
        off.Error.ShouldStartWith("The handshake never reached the endpoint");

        var beating = await CreateAsync(nurse, "https://varde.no/fhir/SubscriptionTopic/detected-issue", null, "empty", heartbeat: 60);
        await RunAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await RunAsync();
        Notifications().Select(n => Status(n).Type).ShouldBe(["handshake"]);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        await RunAsync();
        Notifications().Select(n => Status(n).Type).ShouldBe(["handshake", "heartbeat"]);
        (await ReadAsync(nurse, beating.Id!)).Status.ShouldBe(Hl7.Fhir.Model.Subscription.SubscriptionStatus.Active);
    }

    [Fact]
    public async Task BadSubscriptions_AreRefusedWithTheField_AndOnlyTheOwnerSeesOrDeletesOne()
    {
        var nurse = await app.ClientForAsync("nurse.north");
        (await PostAsync(nurse, NewSubscription("https://example.org/topic/admission", null, "id-only", Endpoint))).ShouldBe((HttpStatusCode.UnprocessableEntity, "criteria"));
        var websocket = NewSubscription("https://varde.no/fhir/SubscriptionTopic/detected-issue", null, "id-only", Endpoint);
        websocket.Channel.Type = Hl7.Fhir.Model.Subscription.SubscriptionChannelType.Websocket;
        (await PostAsync(nurse, websocket)).ShouldBe((HttpStatusCode.UnprocessableEntity, "channel.type"));
        (await PostAsync(nurse, NewSubscription("https://varde.no/fhir/SubscriptionTopic/detected-issue", "DetectedIssue?severity=low", "id-only", Endpoint)))
            .ShouldBe((HttpStatusCode.UnprocessableEntity, "criteria"));
        (await PostAsync(nurse, NewSubscription("https://varde.no/fhir/SubscriptionTopic/observation", "Observation?code=http://loinc.org|0000-0", "id-only", Endpoint)))
            .ShouldBe((HttpStatusCode.UnprocessableEntity, "criteria"));
        (await PostAsync(nurse, NewSubscription("https://varde.no/fhir/SubscriptionTopic/detected-issue", $"DetectedIssue?patient=Patient/{TestWorld.PatientSouth}", "id-only", Endpoint)))
            .ShouldBe((HttpStatusCode.UnprocessableEntity, "criteria"), "another service's patient is not found");
        (await PostAsync(nurse, NewSubscription("https://varde.no/fhir/SubscriptionTopic/detected-issue", null, "id-only", Endpoint, heartbeat: 5)))
            .ShouldBe((HttpStatusCode.UnprocessableEntity, "channel.heartbeatPeriod"));
        var gateway = await app.GatewayClientAsync();
        (await gateway.PostAsync("/fhir/Subscription", Body(NewSubscription("https://varde.no/fhir/SubscriptionTopic/detected-issue", null, "id-only", Endpoint))))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden, "a gateway has no scope for subscriptions");

        var mine = await CreateAsync(nurse, "https://varde.no/fhir/SubscriptionTopic/detected-issue", null, "id-only");
        var south = await app.ClientForAsync("nurse.south");
        (await south.GetAsync($"/fhir/Subscription/{mine.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await south.DeleteAsync($"/fhir/Subscription/{mine.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await FhirAsync<Bundle>(south, "/fhir/Subscription")).Entry.ShouldBeEmpty();
        (await FhirAsync<Bundle>(nurse, "/fhir/Subscription?status=requested")).Entry.Select(e => e.Resource!.Id).ShouldBe([mine.Id]);
        (await nurse.DeleteAsync($"/fhir/Subscription/{mine.Id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await nurse.GetAsync($"/fhir/Subscription/{mine.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task WhenTheOwnersAccessEnds_TheSubscriptionTurnsOff()
    {
        var specialist = await app.ClientForAsync("specialist");
        var created = await CreateAsync(specialist, "https://varde.no/fhir/SubscriptionTopic/detected-issue", null, "empty");
        await RunAsync();
        await SetDeactivatedAsync(TestWorld.Specialist, true);
        try
        {
            await RunAsync();
            await using var db = app.Database.NewContext();
            var subscription = await db.FhirSubscriptions.SingleAsync(s => s.Id == Guid.Parse(created.Id!));
            (subscription.Status, subscription.LastError).ShouldBe((SubscriptionStatus.Off, "Its owner's access has ended."));
        }
        finally
        {
            await SetDeactivatedAsync(TestWorld.Specialist, false);
        }
    }

    private async Task SetDeactivatedAsync(Guid staffId, bool deactivated)
    {
        await using var db = app.Database.NewContext();
        var member = await db.StaffMembers.SingleAsync(m => m.Id == staffId);
        if (deactivated)
            member.Deactivate(Now);
        else
            member.Reactivate();
        await db.SaveChangesAsync();
    }

    private async Task RunAsync()
    {
        using var scope = app.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<SubscriptionMatcher>().RunAsync(default);
        await scope.ServiceProvider.GetRequiredService<SubscriptionDelivery>().RunAsync(default);
    }

    /// <summary>What the subscriber received, each parsed with Firely's strict parser.</summary>
    private List<Bundle> Notifications() =>
        [.. _received.Select(r => JsonSerializer.Deserialize<Resource>(r.Body, FhirJson.Strict).ShouldBeOfType<Bundle>())
            .Where(b => b.Type == Bundle.BundleType.History)];

    private static (string Type, string? EventNumber, string? Focus) Status(Bundle notification)
    {
        var status = notification.Entry[0].Resource.ShouldBeOfType<Parameters>();
        var evt = status.Parameter.FirstOrDefault(p => p.Name == "notification-event");
        return (status.GetSingleValue<Code>("type")!.Value!,
            (evt?.Part.Single(p => p.Name == "event-number").Value as FhirString)?.Value,
            (evt?.Part.SingleOrDefault(p => p.Name == "focus")?.Value as ResourceReference)?.Reference);
    }

    private static Subscription NewSubscription(string topic, string? filter, string content, string endpoint, string? header = null, int? heartbeat = null)
    {
        var criteria = new FhirString(topic);
        if (filter is not null)
            criteria.AddExtension(SubscriptionMapping.FilterCriteria, new FhirString(filter));
        var payload = new Code("application/fhir+json");
        payload.AddExtension(SubscriptionMapping.PayloadContent, new Code(content));
        var channel = new Hl7.Fhir.Model.Subscription.ChannelComponent { Type = Hl7.Fhir.Model.Subscription.SubscriptionChannelType.RestHook, Endpoint = endpoint, PayloadElement = payload };
        if (header is not null)
            channel.Header = [header];
        if (heartbeat is { } beat)
            channel.AddExtension(SubscriptionMapping.HeartbeatPeriod, new UnsignedInt(beat));
        return new Subscription { Status = Hl7.Fhir.Model.Subscription.SubscriptionStatus.Requested, Reason = "Test", CriteriaElement = criteria, Channel = channel };
    }

    private async Task<Subscription> CreateAsync(HttpClient client, string topic, string? filter, string content, string? header = null, int? heartbeat = null, string? endpoint = null)
    {
        var response = await client.PostAsync("/fhir/Subscription", Body(NewSubscription(topic, filter, content, endpoint ?? Endpoint, header, heartbeat)));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        response.Headers.Location!.ToString().ShouldContain("/fhir/Subscription/");
        return JsonSerializer.Deserialize<Resource>(body, FhirJson.Strict).ShouldBeOfType<Subscription>();
    }

    private static async Task<(HttpStatusCode, string?)> PostAsync(HttpClient client, Subscription subscription)
    {
        var response = await client.PostAsync("/fhir/Subscription", Body(subscription));
        var outcome = JsonSerializer.Deserialize<Resource>(await response.Content.ReadAsStringAsync(), FhirJson.Strict).ShouldBeOfType<OperationOutcome>();
        return (response.StatusCode, outcome.Issue.First().Expression.FirstOrDefault());
    }

    private static async Task<Subscription> ReadAsync(HttpClient client, string id) => await FhirAsync<Subscription>(client, $"/fhir/Subscription/{id}");

    private static async Task<T> FhirAsync<T>(HttpClient client, string path)
        where T : Resource
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<Resource>(body, FhirJson.Strict).ShouldBeOfType<T>();
    }

    private static StringContent Body(Resource resource) => new(JsonSerializer.Serialize(resource, FhirJson.Output), Encoding.UTF8, "application/fhir+json");
}

public sealed class SubscriptionOnSqliteTests(SqliteApp app) : SubscriptionTests(app), IClassFixture<SqliteApp>;

public sealed class SubscriptionOnPostgresTests(PostgresApp app) : SubscriptionTests(app), IClassFixture<PostgresApp>;
