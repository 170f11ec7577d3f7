using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Varde.Server.Features.Alerts;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Alerts;

/// <summary>A report with the patient's own words is shown on the worklist and is reviewed only on its own, never in bulk.</summary>
public abstract class PatientWordsTests(VardeApp app)
{
    private const string Words = "Kneet verker og jeg sov dårlig. Datteren min kommer på torsdag og kan hjelpe med vekten.";

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private static string Reviews => $"/api/services/{TestWorld.North}/reviews";

    private static async Task<List<GetWorklist.Item>> WorklistAsync(HttpClient nurse) =>
        (await nurse.GetFromJsonAsync<List<GetWorklist.Item>>($"/api/services/{TestWorld.North}/worklist", Json.Options))!;

    private static async Task<Guid> CreatedIdAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>The daily questions answered "no" throughout, with the patient's own words in the message field.</summary>
    private static object CalmDailyAnswers(DateTimeOffset at, string message) => new
    {
        clientId = Guid.NewGuid().ToString(), questionnaire = "daily-symptoms", effectiveAt = at,
        answers = new object[]
        {
            new { linkId = "more-breathless", code = "no" }, new { linkId = "swelling", code = "no" }, new { linkId = "chest-pain", code = "no" },
            new { linkId = "message", text = message },
        },
    };

    /// <summary>Handling a patient's alert with their greens (issue 16, finding 6): words are taken only when the texts were shown.</summary>
    [Fact]
    public async Task HandlingAnAlert_TakesTheGreensWithWords_OnlyWhenTheTextsWereShown()
    {
        var gateway = await app.GatewayClientAsync();
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var wordsId = await CreatedIdAsync(await gateway.PostAsJsonAsync($"/api/patients/{patient}/questionnaire-responses", CalmDailyAnswers(Now.AddMinutes(-6), Words)));
        var red = await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", 85m, Now.AddMinutes(-5)));
        var alertId = (await red.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alertId").GetGuid();
        var shown = (await nurse.GetFromJsonAsync<GetAlert.Response>($"/api/alerts/{alertId}", Json.Options))!;
        shown.ToReview.ShouldHaveSingleItem().PatientText.ShouldBe(Words);

        var blind = await nurse.PostAsJsonAsync($"/api/alerts/{alertId}/handle", new { action = "contacted-patient", reportIds = new[] { wordsId } });
        blind.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await blind.Content.ReadAsStringAsync()).ShouldContain(wordsId.ToString());
        (await WorklistAsync(nurse)).ShouldContain(i => i.AlertId == alertId, "nothing was stored");

        var read = await nurse.PostAsJsonAsync($"/api/alerts/{alertId}/handle",
            new { action = "contacted-patient", note = "Snakket om kneet.", reportIds = new[] { wordsId }, textsRead = true });
        read.StatusCode.ShouldBe(HttpStatusCode.OK, await read.Content.ReadAsStringAsync());
        (await WorklistAsync(nurse)).ShouldNotContain(i => i.Patient.Id == patient);
    }

    [Fact]
    public async Task FreeText_IsOnTheWorklistRow_RefusedInBulkWithAProblemNamingIt_AndReviewedWhenReadOnItsOwn()
    {
        var gateway = await app.GatewayClientAsync();
        var nurse = await app.ClientForAsync("nurse.north");
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var wordsId = await CreatedIdAsync(await gateway.PostAsJsonAsync($"/api/patients/{patient}/questionnaire-responses", CalmDailyAnswers(Now.AddMinutes(-5), "  " + Words + "  ")));
        var quietId = await CreatedIdAsync(await gateway.PostAsJsonAsync($"/api/patients/{patient}/questionnaire-responses", new
        {
            clientId = Guid.NewGuid().ToString(), questionnaire = "daily-symptoms", effectiveAt = Now.AddMinutes(-4),
            answers = new[] { new { linkId = "more-breathless", code = "no" }, new { linkId = "swelling", code = "no" }, new { linkId = "chest-pain", code = "no" } },
        }));
        var greenId = await CreatedIdAsync(await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements",
            Reading("oxygen-saturation", 96m, Now.AddMinutes(-3))));

        var items = (await WorklistAsync(nurse)).Where(i => i.Patient.Id == patient).ToList();
        var withWords = items.Single(i => i.ReportId == wordsId);
        withWords.Kind.ShouldBe("review");
        withWords.PatientText.ShouldBe(Words);
        items.Single(i => i.ReportId == quietId).PatientText.ShouldBeNull();
        items.Single(i => i.ReportId == greenId).PatientText.ShouldBeNull();

        // Bulk: the words are refused, named in a problem; the rest of the request is reviewed.
        var bulk = await nurse.PostAsJsonAsync(Reviews, new { reportIds = new[] { wordsId, quietId, greenId } });
        bulk.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await bulk.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("reviewed").GetInt32().ShouldBe(2);
        body.GetProperty("notReviewable").GetArrayLength().ShouldBe(0);
        var refused = body.GetProperty("refused").EnumerateArray().Single();
        refused.GetProperty("type").GetString().ShouldBe("https://varde.no/problems/patient-words-unread");
        refused.GetProperty("status").GetInt32().ShouldBe(409);
        refused.GetProperty("reportId").GetGuid().ShouldBe(wordsId);
        refused.GetProperty("detail").GetString()!.ShouldContain(wordsId.ToString());
        refused.GetRawText().ShouldNotContain("Kneet");
        (await WorklistAsync(nurse)).Where(i => i.Patient.Id == patient).Select(i => i.ReportId).ShouldBe([wordsId]);

        // "Read" is for one report at a time.
        var two = await nurse.PostAsJsonAsync(Reviews, new { reportIds = new[] { wordsId, Guid.NewGuid() }, textRead = true });
        two.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await two.Content.ReadAsStringAsync()).ShouldContain("textRead");

        var read = await nurse.PostAsJsonAsync(Reviews, new { reportIds = new[] { wordsId }, textRead = true });
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        var readBody = await read.Content.ReadFromJsonAsync<JsonElement>();
        readBody.GetProperty("reviewed").GetInt32().ShouldBe(1);
        readBody.GetProperty("refused").GetArrayLength().ShouldBe(0);
        (await WorklistAsync(nurse)).ShouldNotContain(i => i.Patient.Id == patient);

        string.Join("\n", app.Logs.Lines).ShouldNotContain("Kneet verker", Case.Sensitive, "the patient's own words must never be logged");
    }
}

public sealed class PatientWordsOnSqliteTests(SqliteApp app) : PatientWordsTests(app), IClassFixture<SqliteApp>;

public sealed class PatientWordsOnPostgresTests(PostgresApp app) : PatientWordsTests(app), IClassFixture<PostgresApp>;
