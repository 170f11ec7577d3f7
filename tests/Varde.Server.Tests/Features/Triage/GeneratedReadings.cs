using System.Net.Http.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Features.Triage;
using Varde.Server.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Tests.Features.Triage;

/// <summary>
/// Two weeks of a patient's SpO2 and weight twice a day, with a deterioration, drops, errors and resends, to send
/// through intake's doors in different orders and compare what was judged.
/// </summary>
internal static class GeneratedReadings
{
    public sealed record Generated(string ClientId, string Type, decimal Value, string Unit, DateTimeOffset At);

    public static List<Generated> Stream(int seed, DateTimeOffset start)
    {
        var random = new Random(seed);
        var stream = new List<Generated>();
        for (var half = 0; half < 28; half++)
        {
            var at = start.AddHours((half * 12) + random.Next(-90, 90) / 60.0);
            var spo2 = half is > 14 and < 20 ? 90m - random.Next(0, 4) : 95m + random.Next(-1, 3);
            if (random.Next(12) == 0)
                spo2 = 82m;
            if (random.Next(20) == 0)
                spo2 = 30m;
            var weight = 80m + (half > 18 ? (half - 18) * 0.5m : 0m) + random.Next(-3, 4) / 10m;
            stream.Add(new($"s{half}", "oxygen-saturation", spo2, "%", at));
            stream.Add(new($"w{half}", "body-weight", weight, "kg", at.AddMinutes(5)));
        }

        // Resends: the same reading under the same id, later in the stream.
        stream.AddRange(stream.Where((_, i) => i % 11 == 3).ToList());
        return stream;
    }

    public static async Task PostJsonAsync(HttpClient client, Guid patient, Generated r)
    {
        using var response = await client.PostAsJsonAsync($"/api/patients/{patient}/measurements",
            new { clientId = r.ClientId, type = r.Type, value = r.Value, unit = r.Unit, effectiveAt = r.At });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    public static Observation Observation(Guid patient, Generated r) =>
        FhirReadings.Reading(patient, r.Type == "body-weight" ? "29463-7" : "2708-6", r.Value, r.Unit, r.At, r.ClientId);

    /// <summary>Each report's current result (by its client id's value) and the active alerts, comparable across patients.</summary>
    public static async Task<(List<string> Records, List<string> Alerts)> JudgedAsync(VardeApp app, Guid patient)
    {
        await using var db = app.Database.NewContext();
        var records = (await db.TriageRecords.AsNoTracking().Where(r => r.PatientId == patient).ToListAsync())
            .Select(r => $"{Value(r.ClientId)}|{r.Outcome}|{r.RuleId}|{r.ExplanationNb}").Order(StringComparer.Ordinal).ToList();
        var active = await db.Alerts.AsNoTracking().Where(a => a.PatientId == patient && (a.State == AlertState.Open || a.State == AlertState.Acknowledged)).ToListAsync();
        foreach (var alert in active)
            KeepsWhatItsReportsSay(alert);
        var alerts = active
            .Select(a => $"{a.Category}|{a.Subject}|{a.Zone}|{a.ReasonNb}|{a.Late}|{a.LatestEffectiveAt:O}|{a.EarliestEffectiveAt:O}|"
                         + string.Join(",", a.Members.Select(m => Value(m.ClientId)).Order(StringComparer.Ordinal)))
            .Order(StringComparer.Ordinal).ToList();
        return (records, alerts);
    }

    /// <summary>
    /// The patient's stored readings as they read back, every column but the ids, who sent them, when they came and how
    /// they were judged on arrival (which depends on what had arrived before): the same whether they were added through
    /// EF or written set-based (ADR 0037). The triage on arrival is compared with the triage records instead.
    /// </summary>
    public static async Task<List<string>> ReadingsAsync(VardeApp app, Guid patient)
    {
        await using var db = app.Database.NewContext();
        return [.. (await db.Measurements.AsNoTracking().Where(m => m.PatientId == patient).ToListAsync())
            .Select(m => string.Join('|', Value(m.ClientId), m.Type, m.Value, m.SecondValue, m.Unit, m.OriginalValue, m.OriginalSecondValue, m.OriginalUnit,
                m.EffectiveAt.ToString("O"), m.DeviceTime?.ToString("O"), m.PatientConfirmed, m.DeviceId))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>What a stored alert keeps as reports join (ADR 0021) is what its stored reports say.</summary>
    public static void KeepsWhatItsReportsSay(Alert alert)
    {
        var members = alert.Members;
        alert.ReportCount.ShouldBe(members.Count);
        var zone = members.Max(m => m.Weight);
        alert.Zone.ShouldBe(zone);
        var latest = members.OrderByDescending(m => m.EffectiveAt).ThenByDescending(m => m.ReportId).First();
        (alert.LatestEffectiveAt, alert.LatestReportId).ShouldBe((latest.EffectiveAt, latest.ReportId));
        alert.EarliestEffectiveAt.ShouldBe(members.Min(m => m.EffectiveAt));
        var reason = members.Where(m => m.Weight == zone).OrderByDescending(m => m.EffectiveAt).ThenByDescending(m => m.ClientId, StringComparer.Ordinal).First();
        (alert.ReasonNb, alert.ReasonClientId, alert.ReasonEffectiveAt).ShouldBe((reason.ReasonNb, reason.ClientId, reason.EffectiveAt));
        alert.Late.ShouldBe(members.All(m => m.Late));
    }

    /// <summary>The patient's stored rolling state, and the state of everything stored for the patient, both as stored.</summary>
    public static async Task<(string Stored, string OfEverything)> TriageStatesAsync(VardeApp app, Guid patient)
    {
        await using var db = app.Database.NewContext();
        var plans = await db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patient).OrderBy(v => v.Number).ToListAsync();
        var all = await PatientReports.LoadAsync(db, patient, new PatientReports.Window(app.Clock.GetUtcNow().AddYears(-1), null), default);
        var ofEverything = TriageState.Of(all.Select(s => new TriagedReport(s.Report, s.Record.Result)), plans);
        var row = await db.TriageStates.AsNoTracking().SingleAsync(s => s.PatientId == patient);
        return (row.State, TriageStates.Write(ofEverything));
    }

    // A FHIR reading's client id is its identifier as system|value; the JSON API's is the value alone.
    private static string Value(string clientId) => clientId[(clientId.LastIndexOf('|') + 1)..];
}
