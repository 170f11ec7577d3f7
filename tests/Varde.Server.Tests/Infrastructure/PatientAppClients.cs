using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Clients of the patient app as a browser is one: a lent tablet signed in through the real enrolment form, a relative
/// signed in with the one-time code, and a form posted with its antiforgery token.
/// </summary>
public static partial class PatientAppClients
{
    public static HttpClient Browser(VardeApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>A tablet lent to the patient by a nurse of service North, enrolled with a PIN: the patient's own session.</summary>
    public static async Task<HttpClient> PatientOnTabletAsync(VardeApp app, Guid patient) =>
        await PatientOnTabletAsync(app, patient, await app.ClientForAsync("nurse.north"));

    /// <summary>A tablet lent to the patient by <paramref name="nurse"/> (of the patient's service), enrolled with a PIN.</summary>
    public static async Task<HttpClient> PatientOnTabletAsync(VardeApp app, Guid patient, HttpClient nurse)
    {
        var issued = await nurse.PostAsJsonAsync($"/api/patients/{patient}/tablets", new { label = "Nettbrett 3" });
        var code = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        var tablet = Browser(app);
        var response = await PostFormAsync(tablet, "/pasient/registrer", "enrol",
            new() { ["Input.Code"] = code, ["Input.Pin"] = "4711", ["Input.PinAgain"] = "4711" });
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        return tablet;
    }

    /// <summary>Posts a form of a page as the browser would: the page first, for its antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        fields["_handler"] = handler;
        fields["__RequestVerificationToken"] = AntiforgeryToken().Match(page).Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpResponseMessage> RelativeSignsInAsync(HttpClient relative, string code) =>
        await PostFormAsync(relative, "/pasient/parorende/logg-inn", "relative-sign-in", new() { ["Input.Code"] = code });

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    public static partial Regex AntiforgeryToken();
}
