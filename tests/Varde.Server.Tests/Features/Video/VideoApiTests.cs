using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Server.Features.Video;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Video;

/// <summary>
/// Issue 19 item 3 over HTTP and the signalling hub, on both databases: who may open a call, what the interpreter's link
/// opens (the call, not the patient), and that the hub takes only genuine seat tickets and relays nothing to or from a
/// seat the host has not let in.
/// </summary>
public abstract partial class VideoApiTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<(Guid Patient, StartVideoCall.Started Call)> StartedAsync()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        var nurse = await app.ClientForAsync("nurse.north");
        var response = await nurse.PostAsJsonAsync($"/api/patients/{patient}/video-calls", new { withGp = true, withInterpreter = true });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (patient, (await response.Content.ReadFromJsonAsync<StartVideoCall.Started>(Json.Options))!);
    }

    private HubConnection Hub()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, VideoHub.Path), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        return connection;
    }

    private static async Task<string> TicketAsync(HttpClient client, string path)
    {
        var page = await client.GetStringAsync(path);
        var ticket = WebUtility.HtmlDecode(TicketAttribute().Match(page).Groups[1].Value);
        ticket.ShouldNotBeNullOrEmpty();
        return ticket;
    }

    [Fact]
    public async Task OnlyTheServicesNursesStartACall_AndTheInterpreterLinkOpensTheCallButNotThePatient()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        object body = new { withGp = true, withInterpreter = true };
        (await (await app.ClientForAsync("nurse.south")).PostAsJsonAsync($"/api/patients/{patient}/video-calls", body)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.ClientForAsync("gp")).PostAsJsonAsync($"/api/patients/{patient}/video-calls", body)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var (other, started) = await StartedAsync();
        started.InterpreterLink.ShouldNotBeNull().ShouldStartWith("/video/tolk/");

        var stranger = PatientAppClients.Browser(app);
        var page = await stranger.GetAsync(started.InterpreterLink);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("data-ticket=");
        html.ShouldNotContain("Test Pasient");
        html.ShouldNotContain(other.ToString());
        // A link with another token: the last character changed, so it is never the real one by chance.
        var wrong = started.InterpreterLink[..^1] + (started.InterpreterLink[^1] == '0' ? '1' : '0');
        (await stranger.GetAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await stranger.GetAsync($"/api/patients/{other}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await stranger.GetAsync($"/api/patients/{other}/video-calls")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // A specialist only of a department the patient is shared with.
        var nurse = await app.ClientForAsync("nurse.north");
        var notShared = await nurse.PostAsJsonAsync($"/api/patients/{patient}/video-calls", new { withGp = false, withInterpreter = false, specialistId = TestWorld.Specialist });
        notShared.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notShared.Content.ReadAsStringAsync()).ShouldContain("specialistId");
        var shared = await nurse.PostAsJsonAsync($"/api/patients/{TestWorld.PatientA}/video-calls", new { withGp = false, withInterpreter = false, specialistId = TestWorld.Specialist });
        shared.StatusCode.ShouldBe(HttpStatusCode.Created, await shared.Content.ReadAsStringAsync());
        (await shared.Content.ReadFromJsonAsync<StartVideoCall.Started>(Json.Options))!.SpecialistLink.ShouldNotBeNull();
    }

    [Fact]
    public async Task TheHubTakesOnlyGenuineTickets_AndRelaysNothingBeforeTheHostAdmits()
    {
        var (_, started) = await StartedAsync();
        var interpreterTicket = await TicketAsync(PatientAppClients.Browser(app), started.InterpreterLink!);

        await using var forger = Hub();
        await forger.StartAsync();
        (await Should.ThrowAsync<HubException>(() => forger.InvokeAsync<VideoHub.Joined>("Join", interpreterTicket[..^4] + "AAAA")))
            .Message.ShouldContain("invalid-ticket");

        var hostInbox = Channel.CreateUnbounded<string>();
        var interpreterInbox = Channel.CreateUnbounded<string>();
        await using var interpreter = Hub();
        interpreter.On<List<VideoHub.Peer>>("admitted", peers => interpreterInbox.Writer.TryWrite($"admitted:{peers.Count}"));
        interpreter.On<Guid, string>("signal", (from, data) => interpreterInbox.Writer.TryWrite($"signal:{data}"));
        await interpreter.StartAsync();
        var interpreterSeat = await interpreter.InvokeAsync<VideoHub.Joined>("Join", interpreterTicket);
        (interpreterSeat.Role, interpreterSeat.Admitted).ShouldBe(("Interpreter", false));

        // The host's seat comes from the staff page's ticket; she sees the interpreter waiting.
        var hostTicket = await HostTicketAsync(started.CallId);
        await using var host = Hub();
        host.On<List<VideoHub.Peer>>("waiting", waiting => hostInbox.Writer.TryWrite($"waiting:{string.Join(",", waiting.Select(w => w.Role))}"));
        host.On<Guid, string>("signal", (from, data) => hostInbox.Writer.TryWrite($"signal:{data}"));
        host.On<VideoHub.Peer>("peerJoined", peer => hostInbox.Writer.TryWrite($"joined:{peer.Role}"));
        await host.StartAsync();
        var hostSeat = await host.InvokeAsync<VideoHub.Joined>("Join", hostTicket);
        (hostSeat.Role, hostSeat.Admitted).ShouldBe(("Host", true));
        (await NextAsync(hostInbox)).ShouldBe("waiting:Interpreter");

        // Before she is let in, nothing she sends reaches the host, and nothing reaches her.
        await interpreter.InvokeAsync("Signal", hostSeat.SeatId, "{\"early\":true}");
        await host.InvokeAsync("Signal", interpreterSeat.SeatId, "{\"early\":true}");
        await host.InvokeAsync("Admit", interpreterSeat.SeatId);
        (await NextAsync(interpreterInbox)).ShouldBe("admitted:1");
        (await NextAsync(hostInbox)).ShouldBe("joined:Interpreter");
        await interpreter.InvokeAsync("Signal", hostSeat.SeatId, "{\"sdp\":1}");
        (await NextAsync(hostInbox)).ShouldBe("waiting:");
        (await NextAsync(hostInbox)).ShouldBe("signal:{\"sdp\":1}", "the early signal was dropped, this one is relayed");
    }

    [Fact]
    public async Task ABookedCall_IsOnThePatientsDay_JoinableAQuarterBefore_RemindedThen_AndCalledOffStopsIt()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        var nurse = await app.ClientForAsync("nurse.north");
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);
        var at = Now.AddHours(3);

        var past = await nurse.PostAsJsonAsync($"/api/patients/{patient}/video-calls", new { withGp = false, withInterpreter = false, bookedFor = Now.AddHours(-1) });
        var tooFar = await nurse.PostAsJsonAsync($"/api/patients/{patient}/video-calls", new { withGp = false, withInterpreter = false, bookedFor = Now.AddDays(91) });
        var booked = await nurse.PostAsJsonAsync($"/api/patients/{patient}/video-calls", new { withGp = true, withInterpreter = false, bookedFor = at });

        past.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await past.Content.ReadAsStringAsync()).ShouldContain("bookedFor");
        tooFar.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        var call = (await booked.Content.ReadFromJsonAsync<StartVideoCall.Started>(Json.Options))!;
        var history = await nurse.GetFromJsonAsync<List<VideoGroup.CallResponse>>($"/api/patients/{patient}/video-calls", Json.Options);
        history!.ShouldHaveSingleItem().ShouldSatisfyAllConditions(c => c.BookedFor.ShouldBe(at), c => c.Open.ShouldBeTrue(), c => c.Joinable.ShouldBeFalse());
        var today = await tablet.GetStringAsync("/pasient");
        today.ShouldContain("data-testid=\"video-booked\"");
        today.ShouldNotContain("data-testid=\"video-invite\"");
        var early = await tablet.GetStringAsync(call.PatientLink);
        early.ShouldNotContain("data-ticket=", Case.Sensitive, "not joinable yet");
        early.ShouldContain("data-testid=\"not-yet\"");
        await using (var db = app.Database.NewContext())
        {
            var reminder = await db.Notifications.SingleAsync(n => n.PatientId == patient);
            (reminder.Purpose, reminder.NextAttemptAt).ShouldBe((Domain.Notifications.NotificationPurpose.VideoCallSoon, at - Domain.Video.VideoCall.EarlyJoin));
            (await VideoGroup.TodayForServiceAsync(db, TestWorld.North, Now, default)).Where(c => c.PatientId == patient)
                .ShouldHaveSingleItem().ShouldSatisfyAllConditions(c => c.At.ShouldBe(at), c => c.Joinable.ShouldBeFalse());
        }

        // A quarter of an hour before: the patient's big button, and the call opens.
        app.Clock.Advance(TimeSpan.FromHours(3) - Domain.Video.VideoCall.EarlyJoin);
        (tablet, nurse) = (await PatientAppClients.PatientOnTabletAsync(app, patient), await app.ClientForAsync("nurse.north"));
        (await tablet.GetStringAsync("/pasient")).ShouldContain($"/pasient/video/{call.CallId}");
        (await tablet.GetStringAsync(call.PatientLink)).ShouldContain("data-ticket=");
        await using (var db = app.Database.NewContext())
            (await VideoGroup.TodayForServiceAsync(db, TestWorld.North, Now, default)).Single(c => c.PatientId == patient).Joinable.ShouldBeTrue();

        // Called off before anyone came: the links stop, the reminder is not sent.
        (await (await app.ClientForAsync("nurse.south")).DeleteAsync($"/api/patients/{patient}/video-calls/{call.CallId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await nurse.DeleteAsync($"/api/patients/{patient}/video-calls/{call.CallId}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await tablet.GetStringAsync("/pasient")).ShouldNotContain($"/pasient/video/{call.CallId}");
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<Varde.Server.Features.Notifications.NotificationSender>().RunAsync(default);
        await using (var db = app.Database.NewContext())
        {
            var reminder = await db.Notifications.SingleAsync(n => n.PatientId == patient);
            (reminder.State, reminder.LastError).ShouldBe((Domain.Notifications.NotificationState.NotNeeded, "call ended"));
        }
    }

    private async Task<string> HostTicketAsync(Guid callId)
    {
        // The staff page needs a signed-in session: sign in as the browser does.
        var browser = PatientAppClients.Browser(app);
        var login = await PatientAppClients.PostFormAsync(browser, "/login", "login", new() { ["Input.UserName"] = "nurse.north", ["Input.Password"] = TestWorld.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect, await login.Content.ReadAsStringAsync());
        return await TicketAsync(browser, VideoLinks.Staff(callId));
    }

    private static async Task<string> NextAsync(Channel<string> inbox)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await inbox.Reader.ReadAsync(timeout.Token);
    }

    [GeneratedRegex("data-ticket=\"([^\"]+)\"")]
    private static partial Regex TicketAttribute();
}

public sealed class VideoApiOnSqliteTests(SqliteApp app) : VideoApiTests(app), IClassFixture<SqliteApp>;

public sealed class VideoApiOnPostgresTests(PostgresApp app) : VideoApiTests(app), IClassFixture<PostgresApp>;
