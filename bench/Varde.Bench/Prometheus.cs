using System.Globalization;

namespace Varde.Bench;

/// <summary>Reads values from Prometheus' text format (what /metrics returns).</summary>
public static class Prometheus
{
    /// <summary>The sum of a metric's samples over all its label sets (or those with <paramref name="label"/>, e.g. <c>gc_heap_generation="gen2"</c>); null when the text has none.</summary>
    public static double? Sum(string text, string metric, string? label = null)
    {
        double? sum = null;
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
                continue;
            if (label is not null && !line.Contains(label, StringComparison.Ordinal))
                continue;
            // name{labels} value [timestamp]; label values may hold spaces, so read after the closing brace.
            var afterLabels = line[metric.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[metric.Length..];
            var value = afterLabels.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            sum = (sum ?? 0) + double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return sum;
    }
}
