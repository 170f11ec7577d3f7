using System.Globalization;
using Bunit;
using Varde.Domain.Triage;
using Varde.Server.Components.Patient;

namespace Varde.Components.Tests;

public sealed class TrendChartTests : ComponentTestContext
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private static ChartData Spo2(params ChartPoint[] points) => new("OxygenSaturation", "SpO2", "%", 0, Start, Start.AddDays(7), points,
        [.. PatientCharts.Bands(new Varde.Domain.Plans.QuantityThreshold(Varde.Domain.Measurements.MeasuredQuantity.OxygenSaturation, RedLow: 88, YellowLow: 92),
            Start, Start.AddDays(7))],
        [new PlanMarker(Start.AddDays(3), 2)]);

    [Fact]
    public void Bands_RedBelowYellow_AndBothReachTheRightValues()
    {
        var cut = Render<TrendChart>(p => p.Add(c => c.Data, Spo2(new ChartPoint(Start.AddDays(1), 95, TriageOutcome.Green, "ok"),
            new ChartPoint(Start.AddDays(2), 86, TriageOutcome.Red, "SpO2 86 % er under rød grense 88 %"))));
        var geometry = new ChartGeometry(cut.Instance.Data);

        var red = cut.Find("rect[data-band=red]");
        var yellow = cut.Find("rect[data-band=yellow]");
        double Attr(AngleSharp.Dom.IElement e, string name) => double.Parse(e.GetAttribute(name)!, CultureInfo.InvariantCulture);

        Attr(red, "y").ShouldBe(geometry.Y(88, true), 0.1);
        (Attr(red, "y") + Attr(red, "height")).ShouldBe(geometry.Y(null, false), 0.1);
        Attr(yellow, "y").ShouldBe(geometry.Y(92, true), 0.1);
        (Attr(yellow, "y") + Attr(yellow, "height")).ShouldBe(geometry.Y(88, true), 0.1);
        Attr(red, "y").ShouldBeGreaterThan(Attr(yellow, "y"));
    }

    [Fact]
    public void Points_AreColouredByTheirZone_AndAPlanChangeIsMarked()
    {
        var cut = Render<TrendChart>(p => p.Add(c => c.Data, Spo2(new ChartPoint(Start.AddDays(1), 95, TriageOutcome.Green, "ok"),
            new ChartPoint(Start.AddDays(2), 90, TriageOutcome.Yellow, "gul"), new ChartPoint(Start.AddDays(4), 86, TriageOutcome.Red, "rød"))));

        cut.FindAll("circle").Select(c => c.GetAttribute("data-zone")).ShouldBe(["green", "yellow", "red"]);
        cut.FindAll("[data-testid=plan-marker]").Count.ShouldBe(1);
        cut.Find("[data-testid=plan-marker]").TextContent.ShouldContain("v2");
    }

    [Fact]
    public void ClickingAPoint_ShowsItsTriageExplanation()
    {
        var cut = Render<TrendChart>(p => p.Add(c => c.Data, Spo2(new ChartPoint(Start.AddDays(2), 86, TriageOutcome.Red, "SpO2 86 % er under rød grense 88 %"))));
        cut.Find(".point-detail").TextContent.ShouldNotContain("86 %");

        cut.Find("circle").Click();

        cut.Find(".point-detail").TextContent.ShouldContain("SpO2 86 % er under rød grense 88 %");
        cut.Find("circle").ClassList.ShouldContain("selected");
    }

    [Fact]
    public void Geometry_ValueRangeCoversReadingsAndBandEdges()
    {
        var g = new ChartGeometry(Spo2(new ChartPoint(Start.AddDays(1), 97, TriageOutcome.Green, "")));

        g.Min.ShouldBeLessThan(88);
        g.Max.ShouldBeGreaterThan(97);
        g.Y(97, true).ShouldBeLessThan(g.Y(88, true));
        g.X(Start).ShouldBe(ChartGeometry.Left);
        g.ValueTicks().ShouldAllBe(t => t >= g.Min && t <= g.Max);
    }

    /// <summary>Issue 16, finding 9: a reading judged a measurement error (SpO2 40 %) does not stretch the axis; it is drawn at the edge, marked.</summary>
    [Fact]
    public void ASuspectedMeasurementError_DoesNotStretchTheAxis_AndIsMarkedAtTheEdge()
    {
        var cut = Render<TrendChart>(p => p.Add(c => c.Data, Spo2(new ChartPoint(Start.AddDays(1), 96, TriageOutcome.Green, ""),
            new ChartPoint(Start.AddDays(2), 40, TriageOutcome.SuspectedMeasurementError, "SpO2 40 % er utenfor mulig område"),
            new ChartPoint(Start.AddDays(3), 94, TriageOutcome.Green, ""))));
        var g = new ChartGeometry(cut.Instance.Data);

        g.Min.ShouldBeGreaterThan(80, "the axis is set by the trusted readings and the limits, not by the error");
        var error = cut.FindAll("circle").Single(c => c.GetAttribute("data-zone") == "check");
        error.GetAttribute("data-off-scale").ShouldBe("low");
        double.Parse(error.GetAttribute("cy")!, CultureInfo.InvariantCulture).ShouldBe(g.Y(null, false), 0.1);
        cut.FindAll("circle").Where(c => c.GetAttribute("data-zone") == "green").ShouldAllBe(c => c.GetAttribute("data-off-scale") == null);
        cut.Find("polyline").GetAttribute("points")!.Split(' ').Length.ShouldBe(2, "the line joins the trusted readings");
        cut.Find(".off-scale-label").TextContent.ShouldBe("40");
        cut.Find("svg").GetAttribute("aria-label")!.ShouldContain("fra 94 til 96");
    }
}
