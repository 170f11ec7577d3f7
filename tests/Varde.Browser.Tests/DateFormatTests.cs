using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>
/// Every date and time on the screens is written one way, in the user's language (issue 16): bokmål "1.12.2026" and
/// "1.12.2026 14:05", English "1 Dec 2026" and "1 Dec 2026 14:05", always 24-hour Oslo time. Only the charts' axis
/// ticks are day and month ("1.12."), so they are left out of the text checked here.
/// </summary>
public sealed partial class DateFormatTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>The page's text as a reader meets it, tooltips (SVG titles) included, chart axis ticks and scripts left out.</summary>
    private const string VisibleText = """
        () => {
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
            acceptNode: n => n.parentElement?.closest('script, style, template, svg text.tick') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT });
          const parts = [];
          while (walker.nextNode()) parts.push(walker.currentNode.nodeValue);
          return parts.join(' ');
        }
        """;

    [Fact]
    public async Task NurseScreens_WriteEveryDateAsDayMonthYear_InBokmal()
    {
        var page = await app.SignedInPageAsync("sykepleier1");
        var patient = BrowserApp.TabletPatientId;
        var seen = new List<string>();

        await Assertions.Expect(page.GetByTestId("worklist-row").First).ToBeVisibleAsync();
        await page.Locator("[data-testid=worklist-row][data-kind=Red]").First.GetByTestId("open-alert").ClickAsync();
        await Assertions.Expect(page.GetByTestId("alert-panel")).ToBeVisibleAsync();
        seen.AddRange(await BokmalDatesAsync(page, "worklist with an alert open"));

        await page.GotoAsync($"/patients/{patient}");
        await Assertions.Expect(page.GetByTestId("reports-table")).ToBeVisibleAsync();
        seen.AddRange(await BokmalDatesAsync(page, "patient view"));
        await page.GetByTestId("reports-table").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "dates-reports.png") });

        await page.GotoAsync($"/patients/{patient}/plan");
        await Assertions.Expect(page.GetByTestId("plan-status")).ToBeVisibleAsync();
        seen.AddRange(await BokmalDatesAsync(page, "plan page"));

        await page.GotoAsync($"/patients/{patient}/pathway");
        await Assertions.Expect(page.GetByTestId("pathway-state")).ToBeVisibleAsync();
        seen.AddRange(await BokmalDatesAsync(page, "pathway page"));

        await page.GotoAsync("/pathways");
        await Assertions.Expect(page.GetByTestId("pathway-card").First).ToBeVisibleAsync();
        seen.AddRange(await BokmalDatesAsync(page, "pathway board"));

        await page.GotoAsync("/patients");
        await Assertions.Expect(page.Locator("main table").First).ToBeVisibleAsync();
        seen.AddRange(await BokmalDatesAsync(page, "patient list"));

        seen.ShouldNotBeEmpty("the screens show dates to check");
    }

    [Fact]
    public async Task PatientApp_WritesEveryDateAsDayMonthYear_InBokmal()
    {
        var page = await app.EnrolledTabletPageAsync("phone");
        var seen = new List<string>();

        await page.GotoAsync("/pasient");
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
        seen.AddRange(await BokmalDatesAsync(page, "I dag"));

        await page.GotoAsync("/pasient/verdier");
        await Assertions.Expect(page.GetByTestId("value-card").First).ToBeVisibleAsync();
        seen.AddRange(await BokmalDatesAsync(page, "Mine verdier"));
        var card = page.GetByTestId("value-card").First;
        await card.Locator("summary").ClickAsync();
        await card.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "dates-values.png") });

        seen.ShouldNotBeEmpty("Mine verdier lists readings with their dates");
    }

    [Fact]
    public async Task PatientView_InEnglish_WritesDatesAsDayMonthNameYear()
    {
        var page = await app.SignedInPageAsync("sykepleier1");
        await page.GotoAsync($"/culture/en?returnUrl={Uri.EscapeDataString($"/patients/{BrowserApp.TabletPatientId}")}");
        await Assertions.Expect(page.GetByTestId("reports-table")).ToBeVisibleAsync();

        var text = await page.EvaluateAsync<string>(VisibleText);

        NumericDate().Matches(text).Select(m => m.Value).ShouldBeEmpty("English dates are written with the month's name");
        ForeignShape().Matches(text).Select(m => m.Value).ShouldBeEmpty();
        EnglishDate().IsMatch(text).ShouldBeTrue($"the patient view shows its reports' dates as \"24 Nov 2026\": {text}");
    }

    /// <summary>The page's dates, after checking that each is "d.M.yyyy" and that no other shape of date or time is on it.</summary>
    private static async Task<IReadOnlyList<string>> BokmalDatesAsync(IPage page, string where)
    {
        var text = await page.EvaluateAsync<string>(VisibleText);
        var dates = NumericDate().Matches(text).ToList();
        dates.Where(d => !BokmalDate().IsMatch(d.Value)).Select(d => InContext(text, d)).ShouldBeEmpty($"every date on the {where} is d.M.yyyy (no 01.12.2026, 1.12.26 or 1.12)");
        ForeignShape().Matches(text).Select(m => InContext(text, m)).ShouldBeEmpty($"no ISO, slashed, UTC or AM/PM times on the {where}");
        return dates.Select(d => d.Value).ToList();
    }

    /// <summary>A found date with some of the text around it, so a failure says where on the page it is.</summary>
    private static string InContext(string text, Match m)
    {
        var start = Math.Max(0, m.Index - 40);
        return text[start..Math.Min(text.Length, m.Index + m.Length + 20)].ReplaceLineEndings(" ");
    }

    /// <summary>Anything that looks like a numeric date: "1.12.2026", "01.12.2026", "1.12.26", "1.12." and "1.12 " alike.</summary>
    [GeneratedRegex(@"(?<![\d.,])\d{1,2}\.\d{1,2}\.(?:\d{2,4}(?!\d|[.,]\d))?|(?<![\d.,])\d{1,2}\.\d{1,2}(?=\s+\d{1,2}:\d{2})")]
    private static partial Regex NumericDate();

    [GeneratedRegex(@"^[1-9]\d?\.[1-9]\d?\.\d{4}$")]
    private static partial Regex BokmalDate();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\bUTC\b|\d\s?[AaPp]\.?[Mm]\b")]
    private static partial Regex ForeignShape();

    [GeneratedRegex(@"\b[1-9]\d? (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b")]
    private static partial Regex EnglishDate();
}
