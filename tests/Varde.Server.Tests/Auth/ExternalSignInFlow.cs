using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Varde.Server.Tests.Auth;

/// <summary>
/// Walks the OpenID Connect flow the way a browser does: Varde sends it to the provider, the provider's page is
/// answered with a chosen person, and the provider's answer (the code) goes back to Varde's callback. Varde is on the
/// test host; the provider is on real HTTP.
/// </summary>
internal sealed class ExternalSignInFlow : IDisposable
{
    private readonly HttpClient _provider = new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });

    public ExternalSignInFlow(ExternalSignInApp app) =>
        Varde = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The browser's side towards Varde, with its cookies.</summary>
    public HttpClient Varde { get; }

    /// <summary>The callback address the provider sent back last (with its code), for a replay.</summary>
    public Uri? LastCallback { get; private set; }

    /// <summary>Starts at Varde's sign-in link and returns the provider's sign-in request (its address), after checking its page opens.</summary>
    public async Task<Uri> StartAsync(string path)
    {
        using var challenge = await Varde.GetAsync(path);
        challenge.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var authorize = challenge.Headers.Location!;
        using var page = await _provider.GetAsync(authorize);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("testleverandør");
        return authorize;
    }

    /// <summary>Picks the person on the provider's page; returns the provider's redirect back to Varde.</summary>
    public async Task<Uri> ChooseAsync(Uri authorize, string name, string? pid, string? hpr = null, string? level = null)
    {
        var form = QueryHelpers.ParseQuery(authorize.Query).Select(p => new KeyValuePair<string, string>(p.Key, p.Value.ToString())).ToList();
        form.Add(new("test_person", "1"));
        form.Add(new("test_name", name));
        if (pid is not null)
            form.Add(new("test_pid", pid));
        if (hpr is not null)
            form.Add(new("test_hpr", hpr));
        if (level is not null)
            form.Add(new("test_level", level));
        using var answer = await _provider.PostAsync(new Uri(authorize, "/connect/authorize"), new FormUrlEncodedContent(form));
        answer.StatusCode.ShouldBe(HttpStatusCode.Redirect, await answer.Content.ReadAsStringAsync());
        LastCallback = answer.Headers.Location!;
        return LastCallback;
    }

    /// <summary>Brings the provider's answer to Varde, which redeems the code and decides.</summary>
    public Task<HttpResponseMessage> CompleteAsync(Uri callback) => Varde.GetAsync(callback.PathAndQuery);

    public async Task<HttpResponseMessage> SignInAsync(string path, string name, string? pid, string? hpr = null, string? level = null) =>
        await CompleteAsync(await ChooseAsync(await StartAsync(path), name, pid, hpr, level));

    public void Dispose()
    {
        _provider.Dispose();
        Varde.Dispose();
    }
}
