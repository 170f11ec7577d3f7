using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>
/// axe-core (bundled from npm by Deque.AxeCore.Playwright, injected into the page) against WCAG 2.1 A and AA; every screen
/// judged for accessibility is also judged for breaches of the Content-Security-Policy (<see cref="ContentSecurity"/>).
/// </summary>
public static class Accessibility
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    public static async Task ShouldHaveNoViolationsAsync(IPage page)
    {
        var violations = await ViolationsAsync(page);
        violations.ShouldBeEmpty(string.Join("; ", violations));
        await ContentSecurity.ShouldHaveNoViolationsAsync(page);
    }

    /// <summary>What axe finds on the page, one line per rule broken (empty when none).</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // A live page sets its title once its connection is up; judge the page as the user gets it, with its stylesheets
        // loaded (a URL changes when the new document commits, before they have).
        await page.WaitForLoadStateAsync(LoadState.Load);
        await page.WaitForFunctionAsync("() => document.title.length > 0");
        var result = await page.RunAxe(WcagAa);
        return result.Violations.Select(v => $"{v.Id}: {v.Help} ({v.Nodes.Length} nodes, first: {v.Nodes.FirstOrDefault()?.Html})").ToList();
    }
}
