using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Alerts;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Alerts;

/// <summary>
/// Determinism: the same 60-day stream sent in order to one patient, and shuffled with duplicates to another with the
/// same plan, gives the same triage result for every reading and the same active alerts.
/// </summary>
public abstract class ReplayTests(VardeApp app)
{
    private sealed record Sent(string ClientId, string Type, decimal Value, string Unit, DateTimeOffset EffectiveAt);

    private List<Sent> Stream()
    {
        var r = new Random(42);
        var start = app.Clock.GetUtcNow().AddDays(-60);
        var stream = new List<Sent>();
        for (var day = 0; day < 60; day++)
        {
            var morning = start.AddDays(day).AddHours(7).AddMinutes(r.Next(0, 60));
            var episode = day is >= 30 and < 35 ? (day - 29) * 0.9m : 0m;
            var weight = Math.Round(80m + episode + (decimal)(r.NextDouble() - 0.5), 1);
            stream.Add(new($"w-{day}", "body-weight", day % 17 == 9 ? weight + 9m : weight, "kg", morning));
            var spo2 = day switch { 45 => 91m, 46 => 90m, 47 => 87m, _ => 95m + r.Next(-1, 2) };
            stream.Add(new($"s-{day}", "oxygen-saturation", day % 13 == 6 ? 40m : spo2, "%", morning.AddMinutes(3)));
            if (day % 13 == 6)
                stream.Add(new($"s-{day}-again", "oxygen-saturation", spo2, "%", morning.AddMinutes(8)));
        }

        return stream;
    }

    private static async Task SendAsync(HttpClient client, Guid patient, IEnumerable<Sent> stream)
    {
        foreach (var s in stream)
        {
            var response = await client.PostAsJsonAsync($"/api/patients/{patient}/measurements",
                new { clientId = s.ClientId, type = s.Type, value = s.Value, unit = s.Unit, effectiveAt = s.EffectiveAt });
            ((int)response.StatusCode).ShouldBeOneOf(200, 201);
        }
    }

    [Fact]
    public async Task ShuffledAndDuplicatedStream_GivesTheSameResultsAndAlerts()
    {
        var gateway = await app.GatewayClientAsync();
        var inOrder = await PatientAsync(app, app.Clock.GetUtcNow().AddDays(-90));
        var shuffled = await PatientAsync(app, app.Clock.GetUtcNow().AddDays(-90));
        var stream = Stream();
        var r = new Random(7);
        var mixed = stream.Concat(stream.Where(_ => r.NextDouble() < 0.25)).OrderBy(_ => r.Next()).ToList();

        await SendAsync(gateway, inOrder, stream);
        await SendAsync(gateway, shuffled, mixed);

        var (resultsA, alertsA) = await ReadAsync(inOrder);
        var (resultsB, alertsB) = await ReadAsync(shuffled);
        resultsA.Count.ShouldBe(stream.Count);
        resultsB.ShouldBe(resultsA);
        alertsB.ShouldBe(alertsA);
        alertsA.ShouldContain(a => a.StartsWith("Clinical|measurement:BodyWeight|Yellow", StringComparison.Ordinal)
                                   || a.StartsWith("Clinical|measurement:BodyWeight|Red", StringComparison.Ordinal));
        alertsA.ShouldContain(a => a.StartsWith("Clinical|measurement:OxygenSaturation", StringComparison.Ordinal));
        resultsA.ShouldContain(x => x.Contains("SuspectedMeasurementError", StringComparison.Ordinal));
    }

    private async Task<(List<string> Results, List<string> Alerts)> ReadAsync(Guid patient)
    {
        await using var db = app.Database.NewContext();
        var results = (await db.TriageRecords.AsNoTracking().Where(t => t.PatientId == patient).ToListAsync())
            .OrderBy(t => t.ClientId, StringComparer.Ordinal)
            .Select(t => $"{t.ClientId}|{t.Outcome}|{t.RuleId}|{t.Late}|{t.ExplanationNb}|{(t.AlertId is null ? "-" : "alert")}")
            .ToList();
        var alerts = (await db.Alerts.AsNoTracking().Where(a => a.PatientId == patient && a.State != AlertState.Resolved).ToListAsync())
            .Select(a => $"{a.Category}|{a.Subject}|{a.Zone}|{a.State}|{a.ReportCount}|{string.Join(",", a.Members.Select(m => m.ClientId).Order(StringComparer.Ordinal))}|{a.ReasonNb}")
            .Order(StringComparer.Ordinal)
            .ToList();
        return (results, alerts);
    }
}

public sealed class ReplayOnSqliteTests(SqliteApp app) : ReplayTests(app), IClassFixture<SqliteApp>;

public sealed class ReplayOnPostgresTests(PostgresApp app) : ReplayTests(app), IClassFixture<PostgresApp>;
