using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 16, item 13: the patient app at large text and zoom, WCAG 1.4.4 (resize text) and 1.4.10 (reflow). Two
/// conditions on a phone: text at 200 % (390×844, the root font size doubled, so every rem size doubles), and 200 %
/// page zoom (195×422 CSS px at device scale 2). On every page of the app nothing scrolls sideways, the heading and
/// the start of the page are on the first screen, and axe finds nothing.
/// </summary>
public sealed class PatientAppLargeTextTests(BrowserApp app, ITestOutputHelper output) : IClassFixture<BrowserApp>
{
    public const string Text200 = "text200";
    public const string Zoom200 = "zoom200";

    [Theory]
    [InlineData(Text200)]
    [InlineData(Zoom200)]
    public async Task EveryPatientPage_AtLargeTextOrZoom_ReflowsWithoutSidewaysScrolling_AndIsAccessible(string condition)
    {
        var page = await app.EnrolledTabletPageAsync(condition == Zoom200 ? "phone-zoom" : "phone");
        if (condition == Text200)
            await SetTextSizeAsync(page, 200);
        var problems = new List<string>();

        await page.GotoAsync("/pasient");
        await CheckAsync(page, "today", condition, problems);

        await page.GotoAsync("/pasient/verdier");
        await page.Locator(".value-card details summary").First.ClickAsync();
        await CheckAsync(page, "values", condition, problems);

        await page.GotoAsync("/pasient/plan");
        await CheckAsync(page, "plan", condition, problems);

        await page.GotoAsync("/pasient/maling/blood-pressure");
        await CheckAsync(page, "measure-bp", condition, problems);

        await page.GotoAsync("/pasient/skjema/daily-symptoms");
        await page.GetByRole(AriaRole.Group, new() { Name = "Er du mer tungpustet enn vanlig?" }).GetByLabel("Ja", new() { Exact = true }).CheckAsync();
        await CheckAsync(page, "questionnaire", condition, problems);

        // A red reading: the longest result page (the emergency numbers, the plan's instruction).
        await page.GotoAsync("/pasient/maling/oxygen-saturation");
        await page.GetByLabel("Oksygenmetning", new() { Exact = true }).FillAsync("86");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        var yes = page.GetByRole(AriaRole.Button, new() { Name = "Ja, det er riktig – send" });
        await page.WaitForTimeoutAsync(300);
        if (await yes.IsVisibleAsync())
            await yes.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/pasient/resultat/"), new() { Timeout = 15000 });
        await CheckAsync(page, "result-red", condition, problems);

        await page.GetByRole(AriaRole.Button, new() { Name = "Logg ut" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/pasient/logg-inn$"));
        await CheckAsync(page, "login", condition, problems);

        await page.GotoAsync("/pasient/registrer");
        await CheckAsync(page, "enrol", condition, problems);

        problems.ShouldBeEmpty(string.Join(Environment.NewLine, problems));
    }

    /// <summary>
    /// The user's text size at 200 %: the root font size twice what the app sets (its own 125 % of the browser's 16 px,
    /// so 40 px), on every page the tab opens. Everything in pasient.css is in rem or em, so all text doubles, as with
    /// the browser's font-size setting. (Chromium's DevTools override of that setting, Page.setFontSizes, is dropped
    /// while Playwright takes a full-page screenshot, so the screenshots would show normal text.)
    /// </summary>
    private static async Task SetTextSizeAsync(IPage page, int percent) =>
        await page.Context.AddInitScriptAsync($$"""
            const sheet = new CSSStyleSheet();
            sheet.replaceSync(':root { font-size: calc(125% * {{percent}} / 100) !important; }');
            document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
            """);

    private async Task CheckAsync(IPage page, string name, string condition, List<string> problems)
    {
        // The URL changes when the new document commits, before its stylesheet has loaded; Chromium will lay out a
        // page with the sheet still pending (body margin 8 px, buttons at their text's width), so wait for "load".
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForFunctionAsync("() => document.title.length > 0 && [...document.styleSheets].some(s => s.href && s.href.includes('pasient'))");
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var m = await page.EvaluateAsync<JsonElement>(MeasureScript);
        var rootFontSize = m.GetProperty("rootFontSize").GetDouble();
        var (scrollWidth, clientWidth) = (m.GetProperty("scrollWidth").GetInt32(), m.GetProperty("clientWidth").GetInt32());
        var (headerBottom, h1Bottom, contentTop, height) = (m.GetProperty("headerBottom").GetDouble(), m.GetProperty("h1Bottom").GetDouble(),
            m.GetProperty("contentTop").GetDouble(), m.GetProperty("height").GetDouble());
        var culprits = m.GetProperty("culprits").EnumerateArray().Select(c => c.GetString()!).ToList();
        var smallTargets = m.GetProperty("smallTargets").EnumerateArray().Select(c => c.GetString()!).ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{condition} {name}: root font {rootFontSize}px, width {scrollWidth}/{clientWidth}, header+menu {headerBottom:0}px of {height}px, h1 bottom {h1Bottom:0}px, content from {contentTop:0}px"));

        // Guard the condition itself: 200 % text doubles the root size (the app's own 125 % of 16 px is 20 px).
        (condition == Text200 ? rootFontSize == 40 : rootFontSize == 20).ShouldBeTrue($"{condition}: the root font size is {rootFontSize}px");

        var where = $"{condition} {name} ({page.Url})";
        if (scrollWidth > clientWidth || culprits.Count > 0)
            problems.Add($"{where}: scrolls sideways, {scrollWidth}px wide in a {clientWidth}px viewport; wider than the screen: {string.Join(" | ", culprits)}");
        if (h1Bottom > height)
            problems.Add($"{where}: the heading ends at {h1Bottom:0}px, below the first screen ({height}px); header and menu take {headerBottom:0}px");
        else if (contentTop > height - 24)
            problems.Add($"{where}: the page's content starts at {contentTop:0}px, not on the first screen ({height}px); header and menu take {headerBottom:0}px");
        if (smallTargets.Count > 0)
            problems.Add($"{where}: touch targets smaller than 44×44 px: {string.Join(" | ", smallTargets)}");
        problems.AddRange((await Accessibility.ViolationsAsync(page)).Select(v => $"{where}: axe: {v}"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, $"patient-largetext-{name}-{condition}.png"), FullPage = true });
    }

    /// <summary>
    /// Width of the document against the viewport; the innermost elements whose box or content reaches past the right
    /// edge (the ones to fix); where the header and menu end, the h1 ends and what follows it starts; and the
    /// controls of the header and menu, and buttons, that are smaller than 44×44 CSS px.
    /// </summary>
    private const string MeasureScript = """
        () => {
          const doc = document.documentElement, vw = doc.clientWidth;
          const describe = e => {
            const r = e.getBoundingClientRect();
            const cls = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).join('.') : '';
            const text = (e.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40);
            return `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${cls} "${text}" (left ${Math.round(r.left)}, width ${Math.round(r.width)}, content ${e.scrollWidth || 0})`;
          };
          const sticksOut = e => {
            const r = e.getBoundingClientRect();
            if (r.width === 0 && r.height === 0) return false;
            // scrollWidth: content that spills out of the element's box (an SVG element's own is meaningless).
            const content = e instanceof SVGElement ? 0 : e.scrollWidth;
            return Math.max(r.right, r.left + content) > vw + 1;
          };
          const out = [...document.body.querySelectorAll('*')].filter(sticksOut);
          const culprits = out.filter(e => ![...e.children].some(c => out.includes(c))).slice(0, 8).map(describe);
          const bottom = e => e ? e.getBoundingClientRect().bottom + scrollY : 0;
          const h1 = document.querySelector('main h1');
          let next = h1 && h1.nextElementSibling;
          while (next && next.getBoundingClientRect().height === 0) next = next.nextElementSibling;
          const smallTargets = [...document.querySelectorAll('.app-bar a, .app-bar button, .app-bar summary, .app-nav a, main button, main summary')]
            .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.width < 44 || r.height < 44); })
            .map(describe);
          return {
            rootFontSize: parseFloat(getComputedStyle(doc).fontSize),
            scrollWidth: doc.scrollWidth, clientWidth: vw, height: innerHeight,
            culprits, smallTargets,
            headerBottom: Math.max(bottom(document.querySelector('.app-bar')), bottom(document.querySelector('.app-nav'))),
            h1Bottom: bottom(h1),
            contentTop: next ? next.getBoundingClientRect().top + scrollY : bottom(h1),
          };
        }
        """;
}
