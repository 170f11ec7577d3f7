using System.Globalization;
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
/// Fails, never skips, when Chromium is missing: ./test.sh installs it. Server and browser share one running clock
/// that starts at <see cref="TestClock.Start"/>: the demo is seeded relative to it, and every browser context made by
/// <see cref="NewContextAsync"/> has its clock installed at the server's now (then both run on in real time).
/// </summary>
public class BrowserApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>Whether the demo is seeded (the first-start tests begin from an empty installation instead).</summary>
    protected virtual bool SeedsDemo => true;

    /// <summary>The database the server runs on: SQLite unless a fixture says PostgreSQL.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    private TestDatabase? _database;
    private RunningClock? _clock;
    private IPlaywright? _playwright;

    /// <summary>The browser; make contexts and pages with <see cref="NewContextAsync"/> and <see cref="NewPageAsync"/>, so they keep the test's time.</summary>
    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The server's clock: starts at <see cref="ClockStart"/> and runs on in real time.</summary>
    public RunningClock Clock => _clock ??= new(ClockStart);

    /// <summary>Where the clock starts: <see cref="TestClock.Start"/>, unless a fixture needs a time of day of its own.</summary>
    protected virtual DateTimeOffset ClockStart => TestClock.Start;

    /// <summary>The test database (to add what a test needs that the demo does not have).</summary>
    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public string BaseUrl { get; private set; } = "";

    /// <summary>The laptop size the screenshots are judged at.</summary>
    public static ViewportSize Laptop { get; } = new() { Width = 1366, Height = 768 };

    /// <summary>
    /// A fresh browser context (its own cookies; BaseURL the server unless given) whose clock (Date, timers) starts at the
    /// server's now and runs on in real time, so what the page stamps and shows agrees with the server.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions? options = null)
    {
        options ??= new BrowserNewContextOptions();
        options.BaseURL ??= BaseUrl;
        var context = await Browser.NewContextAsync(options);
        await context.Clock.InstallAsync(new ClockInstallOptions { TimeString = Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) });
        await context.AddInitScriptAsync(ContentSecurity.RecordViolations);
        return context;
    }

    /// <summary>A page in a fresh context of its own (see <see cref="NewContextAsync"/>).</summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null) => await (await NewContextAsync(options)).NewPageAsync();

    /// <summary>A fresh browser context (its own cookies) at laptop size, signed in as a demo user, on the page the start page leads to.</summary>
    public async Task<IPage> SignedInPageAsync(string userName, string expectedPath = "/worklist")
    {
        var context = await NewContextAsync(new BrowserNewContextOptions { ViewportSize = Laptop });
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

    /// <summary>An HTTP client with the demo gateway's token (client credentials), for posting FHIR as a device gateway would.</summary>
    public async Task<HttpClient> GatewayClientAsync()
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = DemoLogins.GatewayClientId, ["client_secret"] = DemoLogins.GatewayClientSecret,
        }));
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// The sizes the patient app is tested and judged at: a phone, a lent tablet, and the phone at 200 % browser zoom
    /// ("phone-zoom": half the CSS pixels each way, as WCAG 1.4.10 reflow reckons zoom).
    /// </summary>
    public static ViewportSize Viewport(string device) => device switch
    {
        "phone" => new() { Width = 390, Height = 844 },
        "phone-zoom" => new() { Width = 195, Height = 422 },
        _ => new() { Width = 1024, Height = 768 },
    };

    /// <summary>
    /// A fresh browser context at phone or tablet size, on a tablet enrolled for the demo tablet patient with a code
    /// the coordinator made through the API, and signed in with the chosen PIN.
    /// </summary>
    public async Task<IPage> EnrolledTabletPageAsync(string device, string pin = "2580", Guid? patientId = null)
    {
        var code = await TabletCodeAsync(patientId);
        var context = await NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = Viewport(device),
            HasTouch = device.StartsWith("phone", StringComparison.Ordinal),
            DeviceScaleFactor = device == "phone-zoom" ? 2 : null,
        });
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
        await StartingAsync();
        _database = await TestDatabase.CreateAsync(Provider, migrate: false);
        UseKestrel(0);
        StartServer();
        BaseUrl = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        if (SeedsDemo)
        {
            using (var scope = Services.CreateScope())
                await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(default);
            // As `--demo` does: the demo's administrator exists before the first-start check, so no set-up code is waiting.
            await Varde.Server.Features.Installation.FirstStart.PrepareAsync(Services);
        }

        var chromium = Environment.GetEnvironmentVariable("VARDE_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
            throw new InvalidOperationException($"Chromium not found at {chromium}. Run ./test.sh (it installs Debian's chromium) or set VARDE_CHROMIUM.");
        // Generous waits for what the page shows: speed is measured by the benchmarks, not by tests on a busy machine.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", .. ChromiumArgs],
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
        await StoppedAsync();
    }

    /// <summary>More switches for Chromium (fake camera and microphone for the video tests).</summary>
    protected virtual IEnumerable<string> ChromiumArgs => [];

    /// <summary>For what a fixture needs besides the server (a stand-in for an outside service), started first.</summary>
    protected virtual Task StartingAsync() => Task.CompletedTask;

    /// <summary>Stops what <see cref="StartingAsync"/> started.</summary>
    protected virtual Task StoppedAsync() => Task.CompletedTask;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("ConnectionStrings:varde", _database!.ConnectionString);
        // As `--demo` does: the stand-in for HelseID and ID-porten runs beside Varde (ADR 0033).
        builder.UseSetting("Auth:TestProvider:Enabled", "true");
        // The browser signs in many times a minute from 127.0.0.1.
        builder.UseSetting("Auth:RateLimits:SignInsPerMinute", "100000");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new DemoSetup.DemoMode(SeedsDemo));
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    private static string FindRepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Varde.slnx")))
            dir = dir.Parent;
        return dir?.FullName ?? Path.GetTempPath();
    }
}

/// <summary>Varde on an empty database without the demo: a new installation at its first start.</summary>
public sealed class EmptyBrowserApp : BrowserApp
{
    protected override bool SeedsDemo => false;
}

/// <summary>A new installation at its first start on PostgreSQL (a database of its own in the test cluster).</summary>
public sealed class EmptyPostgresBrowserApp : BrowserApp
{
    protected override bool SeedsDemo => false;

    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
