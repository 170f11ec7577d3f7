using System.Net;
using System.Net.Http.Json;
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

        var actors = await check.AccessLog.Where(e => patients.Contains(e.PatientId) && e.Action == "measurement.record").Select(e => e.ActorId).Distinct().ToListAsync();
        actors.Count.ShouldBe(2, "each report is logged for its own caller");
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
            await Task.Delay(25);
        condition().ShouldBeTrue();
    }
}

public sealed class GroupCommitOnSqliteTests(SqliteApp app) : GroupCommitTests(app), IClassFixture<SqliteApp>;

public sealed class GroupCommitOnPostgresTests(PostgresApp app) : GroupCommitTests(app), IClassFixture<PostgresApp>;
