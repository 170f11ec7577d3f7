using Varde.Domain.Triage;

namespace Varde.Server.Components.Patient;

/// <summary>
/// Maps a chart's time and values onto an SVG drawing area. The value range covers every trusted point and every
/// finite band edge, with a little room above and below, so the patient's limits are always visible next to the
/// readings. A reading judged a suspected measurement error (an SpO2 of 40 %) does not stretch the axis, which would
/// flatten the real trend: it is drawn at the edge it lies beyond (<see cref="OffScale"/>).
/// </summary>
public sealed class ChartGeometry
{
    public const double DefaultWidth = 520;
    public const double DefaultHeight = 190;
    public const double Left = 40;
    public const double Right = 12;
    public const double Top = 10;
    public const double Bottom = 26;

    /// <summary>The drawing area for a chart; a narrower, taller area draws larger on a phone (the patient app).</summary>
    public ChartGeometry(ChartData chart, double width = DefaultWidth, double height = DefaultHeight)
    {
        Width = width;
        Height = height;
        From = chart.From;
        To = chart.To > chart.From ? chart.To : chart.From.AddDays(1);
        var values = Trusted(chart.Points).Select(p => (double)p.Value)
            .Concat(chart.Bands.SelectMany(b => new[] { b.Low, b.High }).OfType<decimal>().Select(v => (double)v))
            .ToList();
        var (min, max) = values.Count == 0 ? (0d, 1d) : (values.Min(), values.Max());
        var pad = max > min ? (max - min) * 0.08 : Math.Max(1, Math.Abs(max) * 0.05);
        (Min, Max) = (min - pad, max + pad);
    }

    /// <summary>The points that set the axis and the line: all but suspected measurement errors (all, if that is all there is).</summary>
    public static IReadOnlyList<ChartPoint> Trusted(IReadOnlyList<ChartPoint> points)
    {
        var trusted = points.Where(p => p.Zone != TriageOutcome.SuspectedMeasurementError).ToList();
        return trusted.Count > 0 ? trusted : points;
    }

    /// <summary>"low" or "high" for a value beyond the axis (drawn at that edge), else null.</summary>
    public string? OffScale(decimal value) => (double)value < Min ? "low" : (double)value > Max ? "high" : null;

    public double Width { get; }

    public double Height { get; }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public double Min { get; }

    public double Max { get; }

    public double X(DateTimeOffset at) => Left + (at - From).TotalSeconds / (To - From).TotalSeconds * (Width - Left - Right);

    /// <summary>The y of a value; null (an open band edge) means the top or bottom edge of the drawing area.</summary>
    public double Y(decimal? value, bool top) => value is { } v
        ? Math.Clamp(Top + (Max - (double)v) / (Max - Min) * (Height - Top - Bottom), Top, Height - Bottom)
        : top ? Top : Height - Bottom;

    /// <summary>About five round values across the value range.</summary>
    public IReadOnlyList<double> ValueTicks()
    {
        var raw = (Max - Min) / 4;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s >= raw);
        var ticks = new List<double>();
        for (var v = Math.Ceiling(Min / step) * step; v <= Max; v += step)
            ticks.Add(Math.Round(v, 6) is var t && t == 0 ? 0 : t);
        return ticks;
    }

    /// <summary>Day ticks: every day for a week, every 5 days for a month, every 15 days beyond.</summary>
    public IReadOnlyList<DateTimeOffset> TimeTicks()
    {
        var days = (To - From).TotalDays;
        var step = days <= 8 ? 1 : days <= 31 ? 5 : 15;
        var first = new DateTimeOffset(From.UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
        var ticks = new List<DateTimeOffset>();
        for (var t = first; t <= To; t = t.AddDays(step))
            ticks.Add(t);
        return ticks;
    }
}
