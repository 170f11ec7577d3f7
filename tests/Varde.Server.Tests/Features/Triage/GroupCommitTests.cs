using System.Net;
using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Access;
using Varde.Server.Features.Triage;
using Varde.Server.Tests.Features.Alerts;
using Varde.Server.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

using static Varde.Server.Tests.Infrastructure.FhirReadings;

namespace Varde.Server.Tests.Features.Triage;

/// <summary>
/// Group commit (issue 15): single POSTs that wait for the same writer are taken in together, in one transaction, each
/// with its own caller, outcome and access-log entry; and one patient's reports are never taken in at once.
/// </summary>
public abstract class GroupCommitTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task SinglePostsWaitingForTheSameWriter_AreTakenInTogether_EachWithItsOwnCallerAndAnswer()
    {
        var writers = app.Services.GetRequiredService<IntakeWriters>();
        var patients = new List<Guid>();
        while (patients.Count < 6)
        {
            var patient = await AlertWorld.PatientAsync(app, Now.AddDays(-10));
            if (patients.Count == 0 || writers.WriterOf(patient) == writers.WriterOf(patients[0]))
                patients.Add(patient);
        }

        var gateway = await app.GatewayClientAsync();
        var nurse = await app.ClientForAsync("nurse.north");
        Task<HttpResponseMessage> Post(int k) => k % 2 == 0
            ? gateway.PostAsync("/fhir/Observation", Json(Reading(patients[k], "2708-6", 85m, "%", Now.AddMinutes(-10), $"group-{patients[k]}")))
            : nurse.PostAsJsonAsync($"/api/patients/{patients[k]}/measurements", AlertWorld.Reading("oxygen-saturation", 85m, Now.AddMinutes(-10), $"group-{patients[k]}"));

        // The first patient is held elsewhere (a bundle of its own in flight), so the writer waits with its first report
        // while the other five queue behind it.
        Task<HttpResponseMessage> first;
        List<Task<HttpResponseMessage>> others;
        long groupsBefore;
        await using (var db = app.Database.NewContext())
        await using (var hold = await app.Services.GetRequiredService<PatientLocks>().HoldAsync(db, [patients[0]], default))
        {
            groupsBefore = writers.Groups;
            first = Post(0);
            await Until(() => writers.Groups == groupsBefore + 1);
            others = [.. Enumerable.Range(1, 5).Select(Post)];
            await Until(() => writers.Waiting == 5);
            await hold.CommitAsync(default);
        }

        var answers = await Task.WhenAll(others.Prepend(first));
        foreach (var answer in answers)
            answer.StatusCode.ShouldBe(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        writers.Groups.ShouldBe(groupsBefore + 2, "the five that waited were taken in as one group");

        await using var check = app.Database.NewContext();
        foreach (var patient in patients)
        {
            (await check.TriageRecords.SingleAsync(r => r.PatientId == patient)).Outcome.ShouldBe(Domain.Triage.TriageOutcome.Red);
            var logged = await check.AccessLog.Where(e => e.PatientId == patient && e.Action == "measurement.record").ToListAsync();
            logged.ShouldHaveSingleItem().Outcome.ShouldBe(AccessOutcome.Allowed);
        }

        var actors = await check.AccessLog.Where(e => e.PatientId != null && patients.Contains(e.PatientId.Value) && e.Action == "measurement.record").Select(e => e.ActorId).Distinct().ToListAsync();
        actors.Count.ShouldBe(2, "each report is logged for its own caller");
    }

    [Fact]
    public async Task BundlesWaitingTogether_AreTakenInAsOne_AndABundleRefusedWhileHeldStopsOnlyItself()
    {
        var writers = app.Services.GetRequiredService<IntakeWriters>();
        var p = new List<Guid>();
        for (var k = 0; k < 4; k++)
            p.Add(await AlertWorld.PatientAsync(app, Now.AddDays(-10)));
        var gateway = await app.GatewayClientAsync();
        // A client id of the third patient's is stored already, for another reading.
        (await gateway.PostAsync("/fhir/Observation", Json(Reading(p[2], "8867-4", 70m, "/min", Now.AddMinutes(-30), $"taken-{p[2]}")))).StatusCode
            .ShouldBe(HttpStatusCode.Created);
        Bundle.EntryComponent Spo2(Guid patient, decimal value, int minutesAgo, string id) => Entry(Reading(patient, "2708-6", value, "%", Now.AddMinutes(-minutesAgo), id));
        Task<HttpResponseMessage> Send(params Bundle.EntryComponent[] entries) =>
            gateway.PostAsync("/fhir", Json(NewBundle(Bundle.BundleType.Transaction, entries)));

        Task<HttpResponseMessage>[] sent;
        long groupsBefore;
        await using (var db = app.Database.NewContext())
        await using (var hold = await app.Services.GetRequiredService<PatientLocks>().HoldAsync(db, [p[0]], default))
        {
            groupsBefore = writers.Groups;
            var first = Send(Spo2(p[0], 97m, 20, $"a-{p[0]}"), Spo2(p[1], 96m, 20, $"a-{p[1]}"));
            await Until(() => writers.Groups == groupsBefore + 1);
            var waiting = new[]
            {
                Send(Spo2(p[1], 85m, 10, $"b-{p[1]}"), Spo2(p[3], 95m, 10, $"b-{p[3]}")),
                // Refused while held: the third patient's client id names another reading. Its first entry is not stored.
                Send(Spo2(p[1], 96m, 9, $"c-{p[1]}"), Spo2(p[2], 95m, 9, $"taken-{p[2]}")),
                // The first waiting bundle sent again at once: a resend, answered with what the other stored.
                Send(Spo2(p[1], 85m, 10, $"b-{p[1]}"), Spo2(p[3], 95m, 10, $"b-{p[3]}")),
            };
            await Until(() => writers.Waiting == waiting.Length);
            await hold.CommitAsync(default);
            sent = [first, .. waiting];
        }

        var answers = await Task.WhenAll(sent);
        writers.Groups.ShouldBe(groupsBefore + 2, "the three bundles that waited were taken in as one group");
        var bodies = await Task.WhenAll(answers.Select(a => a.Content.ReadAsStringAsync()));
        answers[0].StatusCode.ShouldBe(HttpStatusCode.OK, bodies[0]);
        answers[1].StatusCode.ShouldBe(HttpStatusCode.OK, bodies[1]);
        answers[2].StatusCode.ShouldBe(HttpStatusCode.Conflict, bodies[2]);
        answers[3].StatusCode.ShouldBe(HttpStatusCode.OK, bodies[3]);
        // Whichever of the two equal bundles reached the writer first stored them; the other is answered as a resend.
        new[] { Statuses(bodies[1]), Statuses(bodies[3]) }.Select(s => string.Join(",", s)).Order()
            .ShouldBe(["200 OK,200 OK", "201 Created,201 Created"]);

        await using var check = app.Database.NewContext();
        (await check.Measurements.Where(m => m.PatientId == p[1]).Select(m => m.ClientId).OrderBy(c => c).ToListAsync())
            .ShouldBe([$"{IdSystem}|a-{p[1]}", $"{IdSystem}|b-{p[1]}"], "nothing of the refused bundle is stored, and the resend is stored once");
        (await check.Measurements.CountAsync(m => m.PatientId == p[2])).ShouldBe(1);
        (await check.Measurements.CountAsync(m => m.PatientId == p[3])).ShouldBe(1);
        (await check.TriageRecords.Where(r => r.PatientId == p[1]).OrderBy(r => r.EffectiveAt).Select(r => r.Outcome).ToListAsync())
            .ShouldBe([Domain.Triage.TriageOutcome.Green, Domain.Triage.TriageOutcome.Red]);
        (await check.Alerts.CountAsync(a => a.PatientId == p[1])).ShouldBe(1, "the red and its resend open one alert");
    }

    private static string[] Statuses(string body) =>
        [.. System.Text.Json.JsonSerializer.Deserialize<Bundle>(body, Server.Features.Fhir.FhirJson.Strict)!.Entry.Select(e => e.Response!.Status ?? "")];

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
            await Task.Delay(25);
        condition().ShouldBeTrue();
    }
}

public sealed class GroupCommitOnSqliteTests(SqliteApp app) : GroupCommitTests(app), IClassFixture<SqliteApp>;

public sealed class GroupCommitOnPostgresTests(PostgresApp app) : GroupCommitTests(app), IClassFixture<PostgresApp>;
