using Varde.Domain.Triage;

namespace Varde.Server.Components.Patient;

/// <summary>One point of a trend chart: when, the value, its current triage zone and the explanation the tooltip shows.</summary>
public sealed record ChartPoint(DateTimeOffset At, decimal Value, TriageOutcome? Zone, string Explanation, string? SentBy = null);

/// <summary>A coloured band of the patient's limits (red or yellow) for the time a plan version was in force. A missing edge runs to the chart's edge.</summary>
public sealed record ChartBand(DateTimeOffset From, DateTimeOffset To, decimal? Low, decimal? High, string Zone);

/// <summary>Where a new plan version took effect.</summary>
public sealed record PlanMarker(DateTimeOffset At, int Number);

/// <summary>What one trend chart draws: a single quantity (or a questionnaire score) over a period.</summary>
public sealed record ChartData(string Key, string Title, string Unit, int Decimals, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<ChartPoint> Points, IReadOnlyList<ChartBand> Bands, IReadOnlyList<PlanMarker> Markers);
