using System.Net;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>The administration screens as HTML: bokmål first, English when chosen; a nurse is shown that they are not hers.</summary>
public sealed class AdminScreenTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task TheScreens_AreInBokmalFirstAndEnglishSecond()
    {
        await AdminKit.AdminClientAsync(app);
        using var browser = AdminKit.Browser(app);
        (await AdminKit.LogInAsync(browser, AdminKit.AdminUser, TestWorld.Password)).ShouldContain("Her registrerer du organisasjonene");

        var organisations = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/organisasjoner"));
        organisations.ShouldContain("Ny organisasjon");
        organisations.ShouldContain("Holmestrand");
        WebUtility.HtmlDecode(await browser.GetStringAsync($"/admin/ansatte/{TestWorld.Gp}")).ShouldContain("Pasienter med denne fastlegen (1)");
        WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/logg")).ShouldContain("Endringslogg");
        WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/gatewayer")).ShouldContain("Testgateway Nord");
        WebUtility.HtmlDecode(await browser.GetStringAsync($"/admin/gatewayer/{TestWorld.GatewayId}")).ShouldContain("Bytt hemmelighet");
        WebUtility.HtmlDecode(await browser.GetStringAsync("/utstyr")).ShouldContain("Legg til utstyr");

        var english = WebUtility.HtmlDecode(await browser.GetStringAsync("/culture/en?returnUrl=/admin/ansatte"));
        english.ShouldContain("Invite a staff member");
        english.ShouldContain("Works in");
        WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/ansatte/import")).ShouldContain("Check (writes nothing)");
        WebUtility.HtmlDecode(await browser.GetStringAsync("/admin/gatewayer")).ShouldContain("Register the gateway");
        WebUtility.HtmlDecode(await browser.GetStringAsync("/utstyr")).ShouldContain("Equipment register");
    }

    [Fact]
    public async Task ANurse_IsToldTheAdministrationScreensAreNotHers()
    {
        using var browser = AdminKit.Browser(app);
        await AdminKit.LogInAsync(browser, "nurse.north", TestWorld.Password);

        foreach (var screen in new[] { "/admin/organisasjoner", "/admin/ansatte", "/admin/ansatte/import", "/admin/logg", $"/admin/ansatte/{TestWorld.Gp}",
                     "/admin/gatewayer", $"/admin/gatewayer/{TestWorld.GatewayId}" })
        {
            var page = await browser.GetStringAsync(screen);
            page.ShouldContain("data-testid=\"access-denied\"", customMessage: screen);
            page.ShouldNotContain("Gunnar Lege", customMessage: screen);
        }
    }
}
