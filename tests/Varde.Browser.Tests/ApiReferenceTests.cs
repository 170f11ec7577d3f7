using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 20 item 8: the API reference page (<c>/openapi</c>) shows Varde's OpenAPI document — every endpoint by its
/// summary — with Scalar's script from the package, under the Content-Security-Policy, and nothing fetched from another site.
/// </summary>
public sealed class ApiReferenceTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task TheReferencePage_ShowsTheEndpoints_WithoutABreachOrAnotherSite()
    {
        var page = await app.NewPageAsync();
        var elsewhere = new List<string>();
        page.RequestFinished += (_, request) =>
        {
            if (!request.Url.StartsWith(app.BaseUrl, StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                elsewhere.Add(request.Url);
        };
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);

        await page.GotoAsync("/openapi");

        await Assertions.Expect(page.GetByText("Get plan").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Varde API").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "api-reference.png") });
        errors.ShouldBeEmpty();
        elsewhere.ShouldBeEmpty("nothing is fetched from another site");
        // Two refusals are expected and harmless: Scalar's stylesheet names its fonts on fonts.scalar.com (refused, so the page
        // uses the system's fonts), and its validation library probes once whether it may compile code (`Function('')`,
        // caught; refused, so it validates without).
        (await ContentSecurity.ViolationsAsync(page))
            .Where(v => !v.StartsWith("font-src blocked https://fonts.scalar.com/", StringComparison.Ordinal) && !v.StartsWith("script-src blocked eval at", StringComparison.Ordinal))
            .ShouldBeEmpty();
    }
}
