using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Varde.Domain.Measurements;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Services;
using Varde.Domain.Statistics;
using Varde.Server.Features.Statistics;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Statistics;

/// <summary>
/// The work figures count reports from the summary by hour where it is written and from the reports themselves after
/// its watermark: the figures are the same before the job has run, after it, and with reports after the watermark;
/// Norwegian midnights and the end of summer time fall where they should; a second run counts nothing twice.
/// </summary>
public abstract class ReportsByHourTests(VardeApp app)
{
    private sealed record Population(Guid Service, Guid Municipality, List<Guid> Patients);

    private async Task<Population> PopulationAsync()
    {
        var municipality = Organisation.Municipality(Guid.NewGuid(), "Rana", "1833", null).Value;
        var service = Organisation.FollowUpService(Guid.NewGuid(), "Oppfølging Rana", [municipality], null).Value;
        await using var db = app.Database.NewContext();
        db.Organisations.AddRange(municipality, service);
        var patients = new List<Guid>();
        for (var individual = 401; patients.Count < 6; individual++)
        {
            if (NorwegianIdentityNumber.WithControlDigits($"010150{individual:000}") is not { } number)
                continue;
            var patient = Patient.Enrol(Guid.NewGuid(), number, "Time Pasient", service.Id, municipality.Id, null, null, DiagnosisGroup.Copd,
                new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero)).Value;
            db.Patients.Add(patient);
            patients.Add(patient.Id);
        }

        await db.SaveChangesAsync();
        return new Population(service.Id, municipality.Id, patients);
    }

    private async Task ReceiveAsync(Population population, params DateTimeOffset[] times)
    {
        await using var db = app.Database.NewContext();
        foreach (var patient in population.Patients)
        {
            foreach (var at in times)
                db.Measurements.Add(Measurement.Record(Guid.NewGuid(), patient, new MeasurementInput($"hour-{at.UtcTicks}", MeasurementType.OxygenSaturation, 95, null,
                    null, "%", at.AddMinutes(-1)), "test", at).Value);
        }

        await db.SaveChangesAsync();
    }

    private async Task<long> SummariseAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SummariseReports>().RunAsync(default);
    }

    [Fact]
    public async Task TheWorkFigures_CountTheSameReports_BeforeTheSummary_AfterIt_AndPastItsWatermark()
    {
        var population = await PopulationAsync();
        var now = app.Clock.GetUtcNow();
        var until = ReportHour.HourOf(now - SummariseReports.Settle);
        await ReceiveAsync(population,
            new DateTimeOffset(2026, 10, 24, 21, 59, 0, TimeSpan.Zero),  // Saturday 23:59 in Oslo (summer time): week of 19 October
            new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero),   // Sunday 02:30, the night summer time ends: the same week
            new DateTimeOffset(2026, 10, 25, 23, 0, 0, TimeSpan.Zero),   // Monday 26 October 00:00 (winter time): the next week
            until.AddMinutes(-1),                                        // the last minute the summary takes
            until.AddMinutes(1));                                        // after its watermark: counted from the report itself
        var leader = await app.ClientForAsync("leader");
        var today = NorwegianTime.Today(now);
        async Task<List<double?>> WeeksAsync(string scope) =>
            [.. (await leader.GetFromJsonAsync<GetWork.WorkReport>($"/api/statistics/work?from=2026-10-19&to={today:yyyy-MM-dd}&interval=week&{scope}", Json.Options))!
                .Figures.Buckets.Select(b => b.Reports.Value)];
        List<double?> expected = [12, 6, 0, 0, 0, 12]; // six patients each; the last week from 23 November holds today's two

        (await WeeksAsync($"service={population.Service}")).ShouldBe(expected);

        (await SummariseAsync()).ShouldBeGreaterThanOrEqualTo(24);
        (await SummariseAsync()).ShouldBe(0);

        await using var db = app.Database.NewContext();
        (await db.SummaryWatermarks.SingleAsync(w => w.Name == SummariseReports.Summary)).Through.ShouldBe(until);
        (await db.ReportHours.Where(h => h.FollowUpServiceId == population.Service).SumAsync(h => h.Reports)).ShouldBe(24);
        (await WeeksAsync($"service={population.Service}")).ShouldBe(expected);
        (await WeeksAsync($"municipality={population.Municipality}")).ShouldBe(expected);

        // More reports after the watermark are counted as they come; an hour later the job has summarised their hour,
        // and the figures are the same. (This class's own server: its clock moves on for no other test.)
        await ReceiveAsync(population, until.AddMinutes(2));
        (await WeeksAsync($"service={population.Service}")).ShouldBe([12, 6, 0, 0, 0, 18]);
        app.Clock.Advance(TimeSpan.FromHours(1));
        leader = await app.ClientForAsync("leader"); // a new token: the first one's hour is up
        (await SummariseAsync()).ShouldBeGreaterThanOrEqualTo(12);
        (await db.ReportHours.Where(h => h.FollowUpServiceId == population.Service).SumAsync(h => h.Reports)).ShouldBe(36);
        (await WeeksAsync($"service={population.Service}")).ShouldBe([12, 6, 0, 0, 0, 18]);
    }
}

/// <summary>A patient transferred to another service takes their summarised hours along (its own server: it summarises at once).</summary>
public abstract class ReportsByHourTransferTests(VardeApp app)
{
    private async Task<long> SummariseAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SummariseReports>().RunAsync(default);
    }

    [Fact]
    public async Task APatientWhoMovesToAnotherService_TakesTheirSummarisedHoursAlong()
    {
        var south = await app.ClientForAsync("nurse.south");
        var north = await app.ClientForAsync("nurse.north");
        var person = new { identityNumber = NorwegianIdentityNumber.WithControlDigits("020350123")!, name = "Time Flytter", municipalityId = TestWorld.Skien,
            diagnoses = new[] { "copd" } };
        var enrolled = await south.PostAsJsonAsync("/api/patients", person);
        enrolled.EnsureSuccessStatusCode();
        var patient = (await enrolled.Content.ReadFromJsonAsync<Varde.Server.Features.Patients.PatientResponse>(Json.Options))!.Id;
        var hour = new DateTimeOffset(2025, 3, 3, 3, 0, 0, TimeSpan.Zero); // an hour no other test reports in
        await using (var db = app.Database.NewContext())
        {
            foreach (var at in new[] { hour.AddMinutes(5), hour.AddMinutes(10), hour.AddMinutes(50) })
                db.Measurements.Add(Measurement.Record(Guid.NewGuid(), patient, new MeasurementInput($"moved-{at.UtcTicks}", MeasurementType.OxygenSaturation, 95, null,
                    null, "%", at.AddMinutes(-1)), "test", at).Value);
            await db.SaveChangesAsync();
        }

        await SummariseAsync();
        async Task<List<(Guid, Guid, int)>> RowsAsync()
        {
            await using var db = app.Database.NewContext();
            return [.. (await db.ReportHours.Where(h => h.Hour == hour).ToListAsync()).Select(h => (h.FollowUpServiceId, h.MunicipalityId, h.Reports))];
        }

        (await RowsAsync()).ShouldBe([(TestWorld.South, TestWorld.Skien, 3)]);

        (await north.PostAsJsonAsync("/api/patients", person with { municipalityId = TestWorld.Horten }))
            .StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted);
        var incoming = (await south.GetFromJsonAsync<Varde.Server.Features.Patients.ListTransferRequests.Answer>("/api/transfer-requests", Json.Options))!.Incoming
            .Single(i => i.PatientId == patient);
        (await south.PostAsJsonAsync($"/api/transfer-requests/{incoming.Id}/decision", new { answer = "Accepted" })).EnsureSuccessStatusCode();

        (await RowsAsync()).ShouldBe([(TestWorld.North, TestWorld.Horten, 3)]);
    }
}

public sealed class ReportsByHourOnSqliteTests(SqliteApp app) : ReportsByHourTests(app), IClassFixture<SqliteApp>;

public sealed class ReportsByHourOnPostgresTests(PostgresApp app) : ReportsByHourTests(app), IClassFixture<PostgresApp>;

public sealed class ReportsByHourTransferOnSqliteTests(SqliteApp app) : ReportsByHourTransferTests(app), IClassFixture<SqliteApp>;

public sealed class ReportsByHourTransferOnPostgresTests(PostgresApp app) : ReportsByHourTransferTests(app), IClassFixture<PostgresApp>;
