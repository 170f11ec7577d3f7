using System.Net;
using System.Net.Http.Json;
using Varde.Domain.Access;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Patients;

/// <summary>Issue 18 item 5 for staff: the patient's access log on the patient page, paged back over a year, need-to-know.</summary>
public abstract class AccessHistoryTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task ALongLog_IsPagedBackWithoutLosingOrRepeatingALine_AndStopsAtAYear()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var actors = Enumerable.Range(0, 450).Select(_ => Guid.NewGuid()).ToList();
        await using (var db = app.Database.NewContext())
        {
            // 450 staff look-ups a minute apart (each its own line), three at one instant across a page's end, and one older than a year.
            for (var i = 0; i < actors.Count; i++)
            {
                var at = i is 199 or 200 or 201 ? Now.AddDays(-1).AddMinutes(-199) : Now.AddDays(-1).AddMinutes(-i);
                db.AccessLog.Add(AccessLogEntry.Create(Guid.NewGuid(), new(actors[i].ToString(), Role.Nurse, TestWorld.North), patient, "alert.read",
                    AccessOutcome.Allowed, at, null));
            }

            db.AccessLog.Add(AccessLogEntry.Create(Guid.NewGuid(), new("old", Role.Nurse, TestWorld.North), patient, "alert.read", AccessOutcome.Allowed,
                Now.AddMonths(-13), null));
            await db.SaveChangesAsync();
        }

        var nurse = await app.ClientForAsync("nurse.north");
        var seen = new List<ListAccessHistory.Line>();
        string url = $"/api/patients/{patient}/access-log";
        for (var pages = 0; pages < 10; pages++)
        {
            var page = (await nurse.GetFromJsonAsync<ListAccessHistory.Page>(url, Json.Options))!;
            seen.AddRange(page.Lines);
            if (page.Before is not { } before)
                break;
            url = $"/api/patients/{patient}/access-log?before={Uri.EscapeDataString(before.ToString("O"))}";
        }

        var staffLines = seen.Where(l => l.Action == "alert.read").ToList();
        staffLines.Select(l => l.ActorName).ShouldBe(actors.Select(a => a.ToString()), ignoreOrder: true);
        staffLines.ShouldAllBe(l => l.Times == 1 && l.WhatNb == "så varsler om deg");
        seen.ShouldNotContain(l => l.ActorName == "old");
        seen.Select(l => l.LatestAt).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task AnotherServicesNurse_GetsNotFound_AndIsLogged()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var south = await app.ClientForAsync("nurse.south");

        (await south.GetAsync($"/api/patients/{patient}/access-log")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await app.ClientForAsync("leader")).GetAsync($"/api/patients/{patient}/access-log")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var page = (await (await app.ClientForAsync("nurse.north")).GetFromJsonAsync<ListAccessHistory.Page>($"/api/patients/{patient}/access-log", Json.Options))!;
        page.Lines.ShouldContain(l => l.Refused && l.ActorName == "Siv Sør" && l.Action == ListAccessHistory.Action);
    }
}

public sealed class AccessHistoryOnSqliteTests(SqliteApp app) : AccessHistoryTests(app), IClassFixture<SqliteApp>;

public sealed class AccessHistoryOnPostgresTests(PostgresApp app) : AccessHistoryTests(app), IClassFixture<PostgresApp>;
