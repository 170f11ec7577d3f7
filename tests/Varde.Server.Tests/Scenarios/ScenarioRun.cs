using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Features.Fhir;
using Varde.Server.Features.Triage;
using Varde.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Varde.Server.Tests.Scenarios;

/// <summary>An alert expected to be open (or acknowledged) when a scenario ends.</summary>
public sealed record ExpectedAlert(string Subject, AlertCategory Category, TriageOutcome Zone);

/// <summary>
/// Sends one patient's scenario table through the real HTTP API in the order of its rows, moving the app's clock so each
/// reading is received when it is sent, checks the zone each reading gets on arrival, and at the end checks every
/// reading's current result and the patient's alerts against the table (<see cref="VerifyAsync"/>).
/// </summary>
internal sealed class ScenarioRun(VardeApp app, ITestOutputHelper output, string name, Guid patient, DateTimeOffset day0)
{
    private const int PlanNumber = 1;
    private readonly Dictionary<Row, (string ClientId, Guid Id)> _sent = [];
    private readonly List<string> _problems = [];
    private HttpClient? _gateway;
    private DateTimeOffset _gatewayAt;

    public async Task SendAsync(IReadOnlyList<Row> rows)
    {
        output.WriteLine($"== {name}: {rows.Count(r => r.IsReport)} readings from {day0:yyyy-MM-dd} (day 0)");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var sendAt = day0 + row.SentOffset;
            var now = app.Clock.GetUtcNow();
            if (sendAt < now)
                throw new InvalidOperationException($"Row '{row}' is sent before the row above it: list rows in the order they are sent.");
            app.Clock.SetUtcNow(sendAt);
            if (row.Kind == Kind.NurseHandles)
            {
                await HandleAsync(row.Subject!);
                output.WriteLine($"   {row}");
                continue;
            }

            var original = row.ResendOf is { } label ? rows.Single(r => r.Label == label) : row;
            var clientId = row.ResendOf is null ? $"{name}-{i}" : _sent[original].ClientId;
            var measuredAt = day0 + original.MeasuredOffset;
            var (status, id, triage) = original.Fhir
                ? await PostFhirAsync(original, clientId, original.ClockReset ? DateTimeOffset.UnixEpoch : measuredAt)
                : await PostAsync(original, clientId, original.ClockReset ? DateTimeOffset.UnixEpoch : measuredAt);
            var expectedStatus = row.ResendOf is null ? HttpStatusCode.Created : HttpStatusCode.OK;
            status.ShouldBe(expectedStatus, $"{name}: {row}");
            if (row.ResendOf is null)
                _sent[row] = (clientId, id);
            else
                id.ShouldBe(_sent[original].Id, $"{name}: a resend returns the stored reading ({row})");

            var ok = triage.Outcome == Outcome(row.Expect);
            output.WriteLine($"{(ok ? "   " : "!! ")}{row} → {triage.Outcome} (expected {Outcome(row.Expect)}) by {triage.RuleId}"
                             + $"{(triage.Late ? ", late" : "")}{(triage.UncertainTime ? ", uncertain time" : "")}");
            if (!ok)
                _problems.Add($"on arrival: {row} was {triage.Outcome}, expected {Outcome(row.Expect)} – {triage.Explanation.En}");
        }
    }

    /// <summary>
    /// The end of a scenario: every reading's current result against its hand-written zone, each stored once; 0 missed
    /// reds, 0 duplicate alerts, every result naming its rule and plan version; the alerts left open. Reports the counts.
    /// </summary>
    public async Task VerifyAsync(IReadOnlyList<Row> rows, IReadOnlyList<ExpectedAlert> expectedOpen)
    {
        await using var db = app.Database.NewContext();
        var records = await db.TriageRecords.AsNoTracking().Where(r => r.PatientId == patient).ToListAsync();
        var alerts = await db.Alerts.AsNoTracking().Where(a => a.PatientId == patient).ToListAsync();
        var stored = await db.Measurements.CountAsync(m => m.PatientId == patient) + await db.QuestionnaireResponses.CountAsync(q => q.PatientId == patient);
        var reports = rows.Where(r => r.IsReport).ToList();

        stored.ShouldBe(reports.Count, $"{name}: every reading is stored once (resends are not stored again)");
        records.Count.ShouldBe(reports.Count, $"{name}: one triage record per reading");

        var missedReds = new List<string>();
        var unnamed = new List<string>();
        foreach (var row in reports)
        {
            var record = records.Single(r => r.ClientId == _sent[row].ClientId);
            if (record.Outcome != Outcome(row.FinalZone))
                _problems.Add($"at the end: {row} is {record.Outcome}, expected {Outcome(row.FinalZone)} – {record.ExplanationEn}");
            if (string.IsNullOrWhiteSpace(record.RuleId) || record.RuleVersion < 1 || record.PlanVersionNumber != PlanNumber || record.PlanVersionId is null)
                unnamed.Add($"{row}: rule '{record.RuleId}' v{record.RuleVersion}, plan v{record.PlanVersionNumber}");
            var inAlerts = alerts.Where(a => a.Members.Any(m => m.ReportId == record.ReportId)).ToList();
            inAlerts.Count.ShouldBeLessThanOrEqualTo(1, $"{name}: {row} is in one alert at most");
            var alert = inAlerts.SingleOrDefault();
            // A late red weighs as yellow in its alert (docs/triage.md, "Late reports"): its alert need not be red.
            if (row.FinalZone == Z.R && (record.Outcome != TriageOutcome.Red || alert is null
                                        || !(alert.Zone == TriageOutcome.Red || (record.Late && alert.Zone == TriageOutcome.Yellow))))
                missedReds.Add($"{row}: {record.Outcome}, alert {alert?.Zone.ToString() ?? "none"}");
            if (row.FinalZone is Z.Y or Z.R && alert?.Category != AlertCategory.Clinical)
                _problems.Add($"at the end: {row} is {record.Outcome} but in no clinical alert");
            if (row.SentAfter > TimeSpan.FromHours(12) && !record.Late)
                _problems.Add($"at the end: {row} was received {row.SentAfter.Value.TotalHours} h after it was measured but is not marked late");
            if (row.ClockReset && !(record.UncertainTime && record.EffectiveAt == record.ReceivedAt && record.ExplanationNb.Contains("Usikkert tidspunkt", StringComparison.Ordinal)))
                _problems.Add($"at the end: {row} is not judged as received with 'Usikkert tidspunkt': {record.ExplanationNb}");
        }

        var active = alerts.Where(a => a.State is AlertState.Open or AlertState.Acknowledged).ToList();
        var duplicates = active.GroupBy(a => (a.Category, a.Subject)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Category} {g.Key.Subject} ×{g.Count()}").ToList();
        var reds = reports.Count(r => r.FinalZone == Z.R);
        output.WriteLine($"== {name}: {reports.Count} readings ({reports.Count(r => r.FinalZone == Z.G)} green, {reports.Count(r => r.FinalZone == Z.Y)} yellow, "
                         + $"{reds} red, {reports.Count(r => r.FinalZone == Z.C)} check measurement), {rows.Count(r => r.ResendOf is not null)} resends; "
                         + $"{alerts.Count} alerts ({alerts.Count(a => a.Category == AlertCategory.Clinical)} clinical, "
                         + $"{alerts.Count(a => a.Category == AlertCategory.CheckMeasurement)} check measurement), {active.Count} open at the end: "
                         + string.Join(", ", active.Select(a => $"{a.Subject} {a.Category} {a.Zone} ({a.Members.Count} reports)")));
        output.WriteLine($"== {name}: missed reds {missedReds.Count} of {reds}, duplicate alerts {duplicates.Count}, results without rule or plan version {unnamed.Count}, "
                         + $"disagreements with the table {_problems.Count}");
        foreach (var line in missedReds.Select(m => $"MISSED RED {m}").Concat(duplicates.Select(d => $"DUPLICATE {d}")).Concat(unnamed.Select(u => $"UNNAMED {u}"))
                     .Concat(_problems))
            output.WriteLine($"!! {line}");

        missedReds.ShouldBeEmpty($"{name}: missed reds");
        duplicates.ShouldBeEmpty($"{name}: duplicate alerts");
        unnamed.ShouldBeEmpty($"{name}: results without rule or plan version");
        _problems.ShouldBeEmpty($"{name}: readings whose zone differs from the table");
        active.Select(a => new ExpectedAlert(a.Subject, a.Category, a.Zone)).OrderBy(a => a.Subject, StringComparer.Ordinal)
            .ShouldBe(expectedOpen.OrderBy(a => a.Subject, StringComparer.Ordinal), $"{name}: the alerts open at the end");
    }

    private static TriageOutcome Outcome(Z z) => z switch
    {
        Z.G => TriageOutcome.Green,
        Z.Y => TriageOutcome.Yellow,
        Z.R => TriageOutcome.Red,
        _ => TriageOutcome.SuspectedMeasurementError,
    };

    /// <summary>A gateway client with a fresh token: the clock moves days, tokens last minutes.</summary>
    private async Task<HttpClient> GatewayAsync()
    {
        if (_gateway is null || app.Clock.GetUtcNow() - _gatewayAt > TimeSpan.FromMinutes(5))
        {
            _gateway?.Dispose();
            _gateway = await app.GatewayClientAsync();
            _gatewayAt = app.Clock.GetUtcNow();
        }

        return _gateway;
    }

    private async Task<(HttpStatusCode Status, Guid Id, TriageDto Triage)> PostAsync(Row row, string clientId, DateTimeOffset effectiveAt)
    {
        var gateway = await GatewayAsync();
        object body = row.Kind switch
        {
            Kind.Spo2 => new { clientId, type = "oxygen-saturation", value = row.Value, unit = "%", effectiveAt },
            Kind.Pulse => new { clientId, type = "pulse", value = row.Value, unit = "/min", effectiveAt },
            Kind.Weight => new { clientId, type = "body-weight", value = row.Value, unit = "kg", effectiveAt },
            Kind.Glucose => new { clientId, type = "blood-glucose", value = row.Value, unit = "mmol/L", effectiveAt },
            Kind.BloodPressure => new { clientId, type = "blood-pressure", systolic = row.Value, diastolic = row.Diastolic, unit = "mmHg", effectiveAt },
            Kind.Daily => new
            {
                clientId, questionnaire = "daily-symptoms", effectiveAt,
                answers = new[]
                {
                    new { linkId = "more-breathless", code = row.Value == 1 ? "yes" : "no" }, new { linkId = "swelling", code = "no" },
                    new { linkId = "chest-pain", code = "no" },
                },
            },
            _ => throw new ArgumentOutOfRangeException(nameof(row), row.Kind, "Not a report."),
        };
        var path = row.Kind == Kind.Daily ? "questionnaire-responses" : "measurements";
        using var response = await gateway.PostAsJsonAsync($"/api/patients/{patient}/{path}", body);
        var text = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{name}: {row}: {text}");
        using var json = JsonDocument.Parse(text);
        return (response.StatusCode, json.RootElement.GetProperty("id").GetGuid(), json.RootElement.GetProperty("triage").Deserialize<TriageDto>(Json.Options)!);
    }

    private async Task<(HttpStatusCode Status, Guid Id, TriageDto Triage)> PostFhirAsync(Row row, string clientId, DateTimeOffset effectiveAt)
    {
        if (row.Kind != Kind.Spo2)
            throw new ArgumentOutOfRangeException(nameof(row), row.Kind, "Only SpO2 goes as FHIR here.");
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["resourceType"] = "Observation",
            ["status"] = "final",
            ["category"] = new[] { new { coding = new[] { new { system = "http://terminology.hl7.org/CodeSystem/observation-category", code = "vital-signs" } } } },
            ["code"] = new { coding = new[] { new { system = "http://loinc.org", code = "2708-6" } } },
            ["subject"] = new { reference = $"Patient/{patient}" },
            ["identifier"] = new[] { new { system = ObservationCodes.ClientIdSystem, value = clientId } },
            ["effectiveDateTime"] = effectiveAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["valueQuantity"] = new { value = row.Value, unit = "%", system = "http://unitsofmeasure.org", code = "%" },
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Observation") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/fhir+json");
        using var response = await (await GatewayAsync()).SendAsync(request);
        response.IsSuccessStatusCode.ShouldBeTrue($"{name}: {row}: {await response.Content.ReadAsStringAsync()}");
        await using var db = app.Database.NewContext();
        var record = await db.TriageRecords.AsNoTracking().SingleAsync(r => r.PatientId == patient && r.ClientId == clientId);
        return (response.StatusCode, record.ReportId, TriageDto.From(record.Result));
    }

    private async Task HandleAsync(string subject)
    {
        Guid alertId;
        await using (var db = app.Database.NewContext())
        {
            alertId = await db.Alerts.Where(a => a.PatientId == patient && a.Subject == subject && a.Category == AlertCategory.Clinical
                                                 && (a.State == AlertState.Open || a.State == AlertState.Acknowledged))
                .Select(a => a.Id).SingleAsync();
        }

        var nurse = await app.ClientForAsync("nurse.north");
        using var handled = await nurse.PostAsJsonAsync($"/api/alerts/{alertId}/handle", new { action = "contacted-patient", note = "Ringt pasienten, fulgt planen." });
        handled.StatusCode.ShouldBe(HttpStatusCode.OK, await handled.Content.ReadAsStringAsync());
    }
}
