using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Varde.Data;
using Varde.Server.Demo;
using Varde.Testing;

namespace Varde.Browser.Tests;

/// <summary>
/// Varde in demo mode on a real Kestrel port on 127.0.0.1 (temp SQLite), and Debian's Chromium driven by Playwright.
/// Fails, never skips, when Chromium is missing: ./test.sh installs it.
/// </summary>
public sealed class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    private TestDatabase? _database;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>The laptop size the screenshots are judged at.</summary>
    public static ViewportSize Laptop { get; } = new() { Width = 1366, Height = 768 };

    /// <summary>A fresh browser context (its own cookies) at laptop size, signed in as a demo user, on the page the start page leads to.</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string expectedPath = "/worklist")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Laptop, BaseURL = BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Brukernavn").FillAsync(userName);
        await page.GetByLabel("Passord").FillAsync(DemoLogins.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(expectedPath) + "$"), new() { Timeout = 15000 });
        }
        catch (PlaywrightException e)
        {
            throw new InvalidOperationException($"After logging in as {userName} the browser is at {page.Url}: {await page.InnerTextAsync("body")}", e);
        }

        return page;
    }

    /// <summary>An HTTP client with a bearer token for a demo staff user (for posting reports as a device would).</summary>
    public async Task<HttpClient> ApiClientAsync(string userName)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["username"] = userName, ["password"] = DemoLogins.Password,
        }));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>The sizes the patient app is tested and judged at: a phone and a lent tablet.</summary>
    public static ViewportSize Viewport(string device) => device == "phone" ? new() { Width = 390, Height = 844 } : new() { Width = 1024, Height = 768 };

    /// <summary>
    /// A fresh browser context at phone or tablet size, on a tablet enrolled for the demo tablet patient with a code
    /// the coordinator made through the API, and signed in with the chosen PIN.
    /// </summary>
    public async Task<IPage> EnrolledTabletPageAsync(string device, string pin = "2580", Guid? patientId = null)
    {
        var code = await TabletCodeAsync(patientId);
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = Viewport(device), BaseURL = BaseUrl, HasTouch = device == "phone" });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/pasient/registrer");
        await page.GetByLabel("Kode (8 siffer)").FillAsync(code);
        await page.GetByLabel("Velg PIN-kode (4–6 siffer)").FillAsync(pin);
        await page.GetByLabel("Skriv PIN-koden en gang til").FillAsync(pin);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ta i bruk" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/pasient$"), new() { Timeout = 15000 });
        return page;
    }

    public static Guid TabletPatientId => DemoPopulation.All[DemoPopulation.TabletPatientIndex].Id;

    /// <summary>A one-time enrolment code for a new tablet, made by the demo coordinator through the staff API.</summary>
    public async Task<string> TabletCodeAsync(Guid? patientId = null)
    {
        using var coordinator = await ApiClientAsync("koordinator");
        using var response = await coordinator.PostAsJsonAsync($"/api/patients/{patientId ?? TabletPatientId}/tablets", new { label = "Testnettbrett" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
    }

    public static string ScreenshotFolder { get; } = Path.Combine(FindRepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, migrate: false);
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        using (var scope = Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(default);

        var chromium = Environment.GetEnvironmentVariable("VARDE_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}. Run ./test.sh (it installs Debian's chromium) or set VARDE_CHROMIUM.");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:varde", _database!.ConnectionString);
        builder.ConfigureTestServices(services => services.AddSingleton(new DemoSetup.DemoMode(true)));
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Varde.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? Path.GetTempPath();
    }
}
