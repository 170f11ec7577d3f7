using Bunit;
using Varde.Domain.Triage;
using Varde.Server.Components.Patient;

namespace Varde.Components.Tests;

public sealed class ReportsTableTests : ComponentTestContext
{
    private static readonly DateTimeOffset T = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private static readonly ReportRow[] Rows =
    [
        new(Guid.NewGuid(), T, T, "SpO2", "95", 95, "%", TriageOutcome.Green, "ok", false),
        new(Guid.NewGuid(), T.AddHours(1), T.AddHours(1), "SpO2", "86", 86, "%", TriageOutcome.Red, "rød", false),
        new(Guid.NewGuid(), T.AddHours(2), T.AddHours(14), "SpO2", "91", 91, "%", TriageOutcome.Yellow, "gul", true),
    ];

    [Fact]
    public void NewestFirstByDefault_WithUnitsAndLateMark()
    {
        var cut = Render<ReportsTable>(p => p.Add(c => c.Rows, Rows));

        var rows = cut.FindAll("[data-testid=report-row]");
        rows[0].TextContent.ShouldContain("91");
        rows[0].TextContent.ShouldContain("%");
        rows[0].TextContent.ShouldContain("forsinket");
        cut.Find("th[aria-sort=descending]").TextContent.ShouldContain("Målt");
    }

    [Fact]
    public void SortingByZone_PutsRedFirst_AndAgainReversesIt()
    {
        var cut = Render<ReportsTable>(p => p.Add(c => c.Rows, Rows));

        cut.FindAll("button.sort").Single(b => b.TextContent.StartsWith("Sone", StringComparison.Ordinal)).Click();
        cut.FindAll("[data-testid=report-row]").Select(r => r.QuerySelector("td:nth-child(5)")!.TextContent).ShouldBe(["Rød", "Gul", "Grønn"]);

        cut.FindAll("button.sort").Single(b => b.TextContent.StartsWith("Sone", StringComparison.Ordinal)).Click();
        cut.FindAll("[data-testid=report-row]").Select(r => r.QuerySelector("td:nth-child(5)")!.TextContent).ShouldBe(["Grønn", "Gul", "Rød"]);
        cut.Find("th[aria-sort=ascending]").TextContent.ShouldContain("Sone");
    }

    [Fact]
    public void SortingByValue_OrdersNumbersNotText()
    {
        var cut = Render<ReportsTable>(p => p.Add(c => c.Rows, Rows));

        cut.FindAll("button.sort").Single(b => b.TextContent.StartsWith("Verdi", StringComparison.Ordinal)).Click();

        cut.FindAll("[data-testid=report-row]").Select(r => r.QuerySelector("td:nth-child(4)")!.TextContent.Split(' ')[0]).ShouldBe(["86", "91", "95"]);
    }
}
