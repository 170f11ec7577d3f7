using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Access;
using Varde.Domain.Messages;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Messages;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Messages;

/// <summary>
/// Issue 19 item 1 over HTTP on both databases: the patient writes to the service, the message is on the worklist until
/// a nurse answers (or marks it handled), read receipts both ways, a resend stored once, and the thread closed to anyone
/// without need to know — a withdrawn relative at once.
/// </summary>
public abstract class MessagesApiTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static object Message(string text, string? clientId = null) => new { clientId = clientId ?? Guid.NewGuid().ToString(), text };

    private static async Task<ThreadResponse> ThreadAsync(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<ThreadResponse>(path, Json.Options))!;

    private static async Task<List<GetWorklist.Item>> WorklistAsync(HttpClient nurse) =>
        (await nurse.GetFromJsonAsync<List<GetWorklist.Item>>($"/api/services/{TestWorld.North}/worklist", Json.Options))!;

    [Fact]
    public async Task APatientWrites_ItIsOnTheWorklistUntilANurseAnswers_AndBothSidesSeeTheyWereRead()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);
        var nurse = await app.ClientForAsync("nurse.north");

        var sent = await tablet.PostAsJsonAsync("/pasient/api/messages", Message("  Jeg har vondt i brystet om natten. Skal jeg ta mer medisin?  ", "m-1"));

        sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());
        var item = (await WorklistAsync(nurse)).Where(i => i.Patient.Id == patient).ShouldHaveSingleItem();
        item.Kind.ShouldBe("message");
        item.PatientText.ShouldBe("Jeg har vondt i brystet om natten. Skal jeg ta mer medisin?");
        item.Rank.ShouldBe(1, "a message waits with the yellows");
        var asPatient = await ThreadAsync(tablet, "/pasient/api/messages");
        asPatient.Messages.ShouldHaveSingleItem().ReadAt.ShouldBeNull();

        // The nurse opens the thread: the patient sees it was read.
        app.Clock.Advance(TimeSpan.FromMinutes(7));
        (await nurse.PostAsync($"/api/patients/{patient}/messages/read", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ThreadAsync(tablet, "/pasient/api/messages")).Messages.Single().ReadAt.ShouldBe(Now);
        (await WorklistAsync(nurse)).ShouldContain(i => i.Patient.Id == patient && i.Kind == "message", "read is not handled");

        // The answer takes it off the worklist, answered; the patient reads the answer and the nurse sees that.
        var answer = await nurse.PostAsJsonAsync($"/api/patients/{patient}/messages", Message("Ta kontakt med legevakten i natt hvis det kommer tilbake."));
        answer.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await WorklistAsync(nurse)).ShouldNotContain(i => i.Patient.Id == patient && i.Kind == "message");
        var afterAnswer = await ThreadAsync(nurse, $"/api/patients/{patient}/messages");
        afterAnswer.Messages.Select(m => (m.Direction, m.Handled)).ShouldBe([
            (MessageDirection.FromPatient, (MessageHandlingKind?)MessageHandlingKind.Answered), (MessageDirection.FromService, null)]);
        afterAnswer.Messages[1].Author.ShouldBe("Nora Nord");
        afterAnswer.Messages[1].ReadAt.ShouldBeNull();
        var seenByPatient = await ThreadAsync(tablet, "/pasient/api/messages");
        seenByPatient.Messages[1].Author.ShouldBeNull("the patient hears from the service, not a named nurse");
        (await tablet.PostAsync("/pasient/api/messages/read", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ThreadAsync(nurse, $"/api/patients/{patient}/messages")).Messages[1].ReadAt.ShouldBe(Now);

        await using var db = app.Database.NewContext();
        (await db.AccessLog.CountAsync(e => e.PatientId == patient && e.Action == SendMessage.Action && e.Outcome == AccessOutcome.Allowed)).ShouldBe(2);
        (await db.OutboxEvents.CountAsync(e => e.PatientId == patient && e.Type == "message.received")).ShouldBe(1);
        app.Logs.Lines.ShouldNotContain(l => l.Contains("vondt i brystet"));
    }

    [Fact]
    public async Task AResend_IsStoredOnce_AndAClientIdReusedForAnotherMessageIsRefused()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);

        var first = await tablet.PostAsJsonAsync("/pasient/api/messages", Message("Hei!", "same"));
        var again = await tablet.PostAsJsonAsync("/pasient/api/messages", Message("Hei!", "same"));
        var other = await tablet.PostAsJsonAsync("/pasient/api/messages", Message("Noe annet", "same"));
        var empty = await tablet.PostAsJsonAsync("/pasient/api/messages", Message("   "));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<MessageResponse>(Json.Options))!.Id
            .ShouldBe((await first.Content.ReadFromJsonAsync<MessageResponse>(Json.Options))!.Id);
        other.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ThreadAsync(tablet, "/pasient/api/messages")).Messages.ShouldHaveSingleItem().Text.ShouldBe("Hei!");
    }

    [Fact]
    public async Task TwentyConcurrentSendsOfOneMessage_StoreItOnce()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var nurse = await app.ClientForAsync("nurse.north");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            nurse.PostAsJsonAsync($"/api/patients/{patient}/messages", Message("Husk å veie deg i morgen tidlig.", "once"))));

        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.OK);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        await using var db = app.Database.NewContext();
        (await db.Messages.CountAsync(m => m.PatientId == patient)).ShouldBe(1);
    }

    [Fact]
    public async Task ANurseMarksItHandledWithoutReplying_ItLeavesTheWorklist()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);
        var nurse = await app.ClientForAsync("nurse.north");
        var sent = await tablet.PostAsJsonAsync("/pasient/api/messages", Message("Takk for hjelpen i går!"));
        var id = (await sent.Content.ReadFromJsonAsync<MessageResponse>(Json.Options))!.Id;

        (await nurse.PostAsJsonAsync($"/api/patients/{patient}/messages/handled", new { messageIds = new[] { Guid.NewGuid() } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var handled = await nurse.PostAsJsonAsync($"/api/patients/{patient}/messages/handled", new { messageIds = new[] { id } });

        handled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WorklistAsync(nurse)).ShouldNotContain(i => i.Patient.Id == patient);
        var thread = await ThreadAsync(tablet, "/pasient/api/messages");
        thread.Messages.Single().Handled.ShouldBe(MessageHandlingKind.NoReplyNeeded);
        thread.Messages.Single().ReadAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task ARelativeWhoMayOnlyReceiveMessages_StartsOnTheMessages_AndCanWrite()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);
        var invited = await tablet.PostAsJsonAsync("/pasient/api/relatives", new
        {
            name = "Per Nabo", relation = "nabo", phone = "+47 912 00 000", permissions = new[] { "receive-messages" },
        });
        invited.StatusCode.ShouldBe(HttpStatusCode.Created, await invited.Content.ReadAsStringAsync());
        var code = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var relative = PatientAppClients.Browser(app);

        var signedIn = await PatientAppClients.RelativeSignsInAsync(relative, code);

        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().ShouldEndWith("/pasient/meldinger");
        var page = await relative.GetStringAsync("/pasient/meldinger");
        page.ShouldContain("data-testid=\"message-form\"");
        page.ShouldContain("Logg ut");
        (await relative.GetAsync("/pasient/api/measurements/last")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        var sent = await PatientAppClients.PostFormAsync(relative, "/pasient/meldinger", "message",
            new() { ["Input.ClientId"] = "nabo-1", ["Input.Text"] = "Jeg så at hun var blek i dag." });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sent.Content.ReadAsStringAsync()).ShouldContain("Meldingen er sendt.");
        var nurse = await app.ClientForAsync("nurse.north");
        (await ThreadAsync(nurse, $"/api/patients/{patient}/messages")).Messages.Single().OnBehalfLabel.ShouldBe("nabo Per Nabo");
    }

    [Fact]
    public async Task TheThread_IsInFhirAsCommunication_ForThoseWhoMaySeeIt()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);
        var nurse = await app.ClientForAsync("nurse.north");
        var question = (await (await tablet.PostAsJsonAsync("/pasient/api/messages", Message("Kan jeg reise på hytta i helgen?")))
            .Content.ReadFromJsonAsync<MessageResponse>(Json.Options))!;
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        (await nurse.PostAsJsonAsync($"/api/patients/{patient}/messages", Message("Ja, ta med vekten og mål som vanlig."))).EnsureSuccessStatusCode();

        var search = await (await app.ClientForAsync("gp")).GetAsync($"/fhir/Communication?patient={patient}");

        search.StatusCode.ShouldBe(HttpStatusCode.OK, await search.Content.ReadAsStringAsync());
        var bundle = (Hl7.Fhir.Model.Bundle)JsonSerializer.Deserialize<Hl7.Fhir.Model.Resource>(await search.Content.ReadAsStringAsync(),
            Varde.Server.Features.Fhir.FhirJson.Strict)!;
        bundle.Total.ShouldBe(2);
        var entries = bundle.Entry.Select(e => (Hl7.Fhir.Model.Communication)e.Resource!).ToList();
        var answer = entries[0];
        answer.Sender!.Reference.ShouldBe($"Organization/{TestWorld.North}");
        answer.Recipient.Single().Reference.ShouldBe($"Patient/{patient}");
        ((Hl7.Fhir.Model.FhirString)answer.Payload.Single().Content!).Value.ShouldBe("Ja, ta med vekten og mål som vanlig.");
        var asked = entries[1];
        asked.Id.ShouldBe(question.Id.ToString());
        asked.Sender!.Reference.ShouldBe($"Patient/{patient}");
        asked.Received.ShouldNotBeNull("the nurse's reply read it");
        (await nurse.GetAsync($"/fhir/Communication/{question.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ClientForAsync("nurse.south")).GetAsync($"/fhir/Communication/{question.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var strangers = await (await app.ClientForAsync("nurse.south")).GetAsync($"/fhir/Communication?patient={patient}");
        ((Hl7.Fhir.Model.Bundle)JsonSerializer.Deserialize<Hl7.Fhir.Model.Resource>(await strangers.Content.ReadAsStringAsync(),
            Varde.Server.Features.Fhir.FhirJson.Strict)!).Total.ShouldBe(0);
    }

    [Theory]
    [InlineData("nurse.south", HttpStatusCode.NotFound, HttpStatusCode.NotFound)]
    [InlineData("gp", HttpStatusCode.OK, HttpStatusCode.Forbidden)]
    [InlineData("leader", HttpStatusCode.Forbidden, HttpStatusCode.Forbidden)]
    public async Task OnlyThePatientAndTheServiceWrite_TheGpReads_AnotherServiceSeesNothing(string user, HttpStatusCode read, HttpStatusCode write)
    {
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        var client = await app.ClientForAsync(user);

        (await client.GetAsync($"/api/patients/{patient}/messages")).StatusCode.ShouldBe(read);
        (await client.PostAsJsonAsync($"/api/patients/{patient}/messages", Message("Hei"))).StatusCode.ShouldBe(write);

        await using var db = app.Database.NewContext();
        (await db.Messages.AnyAsync(m => m.PatientId == patient)).ShouldBeFalse();
    }

    [Fact]
    public async Task ARelativeWithConsentWrites_MarkedAsThemselves_AndCannotOnceTheConsentIsWithdrawn()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);
        var invited = await tablet.PostAsJsonAsync("/pasient/api/relatives", new
        {
            name = "Kari Nordmann", relation = "datter", phone = "+47 912 34 567", permissions = new[] { "see-values-and-plan", "receive-messages" },
        });
        invited.StatusCode.ShouldBe(HttpStatusCode.Created, await invited.Content.ReadAsStringAsync());
        var body = await invited.Content.ReadFromJsonAsync<JsonElement>();
        var relativeId = body.GetProperty("relative").GetProperty("id").GetGuid();
        var relative = PatientAppClients.Browser(app);
        (await PatientAppClients.RelativeSignsInAsync(relative, body.GetProperty("code").GetString()!)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var sent = await relative.PostAsJsonAsync("/pasient/api/messages", Message("Mor sover dårlig, kan noen ringe meg?"));

        sent.StatusCode.ShouldBe(HttpStatusCode.Created);
        var nurse = await app.ClientForAsync("nurse.north");
        (await ThreadAsync(nurse, $"/api/patients/{patient}/messages")).Messages.Single().OnBehalfLabel.ShouldBe("datter Kari Nordmann");
        (await WorklistAsync(nurse)).Single(i => i.Patient.Id == patient).ReasonNb.ShouldBe("Melding fra pasienten, sendt av datter Kari Nordmann");

        var withdrawn = await tablet.PutAsJsonAsync($"/pasient/api/relatives/{relativeId}/consent", new { permissions = Array.Empty<string>() });
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK, await withdrawn.Content.ReadAsStringAsync());
        var refused = await relative.PostAsJsonAsync("/pasient/api/messages", Message("Hallo?"));
        refused.StatusCode.ShouldNotBe(HttpStatusCode.Created);
        (await ThreadAsync(nurse, $"/api/patients/{patient}/messages")).Messages.Count.ShouldBe(1);
    }
}

public sealed class MessagesApiOnSqliteTests(SqliteApp app) : MessagesApiTests(app), IClassFixture<SqliteApp>;

public sealed class MessagesApiOnPostgresTests(PostgresApp app) : MessagesApiTests(app), IClassFixture<PostgresApp>;
