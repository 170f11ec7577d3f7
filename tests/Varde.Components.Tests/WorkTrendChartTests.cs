using Bunit;
using Varde.Domain.Statistics;
using Varde.Server.Components.Statistics;

namespace Varde.Components.Tests;

public sealed class WorkTrendChartTests : ComponentTestContext
{
    private static readonly string[] Months = ["jan. 2026", "feb. 2026", "mar. 2026", "apr. 2026", "mai 2026"];

    private static ShownNumber N(double value) => new(value, false);

    private static readonly ShownNumber Hidden = new(null, true);
    private static readonly ShownNumber Empty = new(null, false);

    [Fact]
    public void AHiddenOrEmptyValue_BreaksTheLine_AndIsNeverDrawnAsZero()
    {
        var cut = Render<WorkTrendChart>(p => p
            .Add(c => c.Id, "trend-test").Add(c => c.Caption, "Meldinger per pasientuke").Add(c => c.Labels, Months)
            .Add(c => c.Series, [new WorkTrendChart.Line("Meldinger per pasientuke", [N(3), N(4), Hidden, N(5), Empty], "series-a")]));

        cut.FindAll("polyline").Count.ShouldBe(1);                      // 3 → 4; 5 stands alone
        cut.Find("polyline").GetAttribute("points")!.Split(' ').Length.ShouldBe(2);
        cut.FindAll("circle").Count.ShouldBe(3);
        cut.Find("[data-testid=trend-test-summary]").TextContent.ShouldBe(
            "Meldinger per pasientuke: 3 i jan. 2026, 5 i apr. 2026; høyest 5 i apr. 2026. Der linjen er brutt, er tallet skjult eller uten grunnlag.");
        cut.Find("svg").GetAttribute("aria-labelledby").ShouldBe("trend-test-caption trend-test-summary");
    }

    [Fact]
    public void TwoLines_HaveALegend_AndAPercentageIsOnAFixedScale()
    {
        var cut = Render<WorkTrendChart>(p => p
            .Add(c => c.Id, "trend-alerts").Add(c => c.Caption, "Varsler").Add(c => c.Labels, Months[..2]).Add(c => c.Max, 100)
            .Add(c => c.Series, [new WorkTrendChart.Line("Røde", [N(1.5), N(2)], "series-red"), new WorkTrendChart.Line("Gule", [Hidden, Hidden], "series-yellow")]));
        var late = Render<WorkTrendChart>(p => p
            .Add(c => c.Id, "trend-late").Add(c => c.Caption, "Meldinger").Add(c => c.Labels, Months)
            .Add(c => c.Series, [new WorkTrendChart.Line("Meldinger", [Empty, Empty, N(2), N(3), Empty], "series-a")]));

        cut.FindAll(".trend-legend li").Select(li => li.TextContent).ShouldBe(["Røde", "Gule"]);
        cut.FindAll("polyline[data-series=series-red]").Count.ShouldBe(1);
        cut.FindAll("polyline[data-series=series-yellow]").ShouldBeEmpty();
        cut.FindAll("text.tick").Select(t => t.TextContent).ShouldContain("100");
        cut.Find("[data-testid=trend-alerts-summary]").TextContent.ShouldEndWith(
            "Gule: ingen tall å vise (for få pasienter, eller ingenting å regne av).");
        // A line that starts late is not "broken": its summary starts where it does.
        late.Find("[data-testid=trend-late-summary]").TextContent.ShouldBe("Meldinger: 2 i mar. 2026, 3 i apr. 2026; høyest 3 i apr. 2026.");
    }
}
