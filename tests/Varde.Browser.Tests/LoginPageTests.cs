using Microsoft.Playwright;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

public sealed class LoginPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Root_FreshDemo_LeadsToLoginWithDemoLoginsAndNoAccessibilityViolations()
    {
        var page = await app.NewPageAsync();

        await page.GotoAsync(app.BaseUrl + "/");

        new Uri(page.Url).AbsolutePath.ShouldBe("/login");
        (await page.Locator("html").GetAttributeAsync("lang")).ShouldBe("nb");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Demo-innlogginger" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "sykepleier1" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "login.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);
    }

    [Fact]
    public async Task Login_DemoNurseWithKeyboardOnly_ShowsRoleAndOrganisationAndCanLogOut()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/login");

        await page.GetByLabel("Brukernavn").FocusAsync();
        await page.Keyboard.TypeAsync("sykepleier1");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoLogins.Password);
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync("Kari Holm · Sykepleier · Oppfølgingstjenesten Vestfold (demo)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "home.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Logg ut" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/login$"));
    }

    [Fact]
    public async Task Login_WrongPassword_AnnouncesTheError()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync(app.BaseUrl + "/login");

        await page.GetByLabel("Brukernavn").FillAsync("sykepleier2");
        await page.GetByLabel("Passord").FillAsync("feil-passord");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Feil brukernavn eller passord, eller kontoen er låst i 15 minutter etter for mange mislykkede forsøk.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "login-error.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);
    }

    /// <summary>The browser keeps the tests' time: it starts at the server's now (TestClock) and runs on, timers firing.</summary>
    [Fact]
    public async Task Page_StartsAtTheServersNow_AndTimeAndTimersRunOn()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/login");

        var browserNow = DateTimeOffset.FromUnixTimeMilliseconds((long)await page.EvaluateAsync<double>("() => Date.now()"));
        (browserNow - app.Clock.GetUtcNow()).Duration().ShouldBeLessThan(TimeSpan.FromMinutes(1));
        var waited = await page.EvaluateAsync<double>(
            "() => new Promise(done => { const start = Date.now(); setTimeout(() => done(Date.now() - start), 300); })");
        waited.ShouldBeGreaterThanOrEqualTo(250);
        var ticks = await page.EvaluateAsync<int>(
            "() => new Promise(done => { let n = 0; const id = setInterval(() => { if (++n === 3) { clearInterval(id); done(n); } }, 50); })");
        ticks.ShouldBe(3);
        var later = DateTimeOffset.FromUnixTimeMilliseconds((long)await page.EvaluateAsync<double>("() => Date.now()"));
        later.ShouldBeGreaterThan(browserNow);
    }

    [Theory]
    [InlineData("fastlege1", "/patients", "/worklist")]
    [InlineData("leder", "/service", "/patients")]
    [InlineData("admin", "/", "/worklist")]
    public async Task APageOutsideTheRolesWork_SaysSoInTheApp_WithWhereToGoInstead(string user, string landing, string refused)
    {
        var page = await app.SignedInPageAsync(user, landing);

        var response = await page.GotoAsync(app.BaseUrl + refused);

        response!.Headers["content-type"].ShouldStartWith("text/html");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Du har ikke tilgang til denne siden" })).ToBeVisibleAsync();
        (await page.ContentAsync()).ShouldNotContain("\"title\"");
        await Assertions.Expect(page.GetByTestId("signed-in-as")).ToBeVisibleAsync(); // in the app's own layout
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, $"access-denied-{user}.png"), FullPage = true });
        await Accessibility.ShouldHaveNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Gå til startsiden din" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(landing) + "$"));
    }

    [Fact]
    public async Task EveryPage_HasTheIcon_AndAHeadingFocusedAfterNavigationDrawsNoFocusBox()
    {
        var page = await app.SignedInPageAsync("sykepleier1");
        var icon = await page.Locator("link[rel=icon]").GetAttributeAsync("href");
        icon.ShouldNotBeNull();
        (await page.APIRequest.GetAsync(app.BaseUrl + "/" + icon.TrimStart('/'))).Status.ShouldBe(200);

        await page.GetByRole(AriaRole.Link, new() { Name = "Pasienter" }).First.ClickAsync();
        var heading = page.Locator("h1");
        await Assertions.Expect(heading).ToBeFocusedAsync();
        (await heading.EvaluateAsync<string>("h => getComputedStyle(h).outlineStyle + ' ' + getComputedStyle(h).boxShadow")).ShouldBe("none none");

        var patient = await app.NewPageAsync();
        await patient.GotoAsync("/pasient/registrer");
        (await patient.Locator("link[rel=icon]").CountAsync()).ShouldBe(1);
    }
}
