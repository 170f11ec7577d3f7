using Microsoft.Playwright;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 18 item 7: the screens work under Varde's Content-Security-Policy. Every browser context records the
/// <c>securitypolicyviolation</c> events of its pages from the first byte (an init script, which the policy does not
/// govern), so a blocked script, style or connection fails the test that looks at the screen.
/// </summary>
public static class ContentSecurity
{
    public const string RecordViolations = """
        window.__cspViolations = [];
        document.addEventListener('securitypolicyviolation', e =>
          window.__cspViolations.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile || location.pathname}:${e.lineNumber}`));
        """;

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page) =>
        await page.EvaluateAsync<string[]>("() => window.__cspViolations ?? []");

    public static async Task ShouldHaveNoViolationsAsync(IPage page)
    {
        var violations = await ViolationsAsync(page);
        violations.ShouldBeEmpty(string.Join("; ", violations));
    }
}
