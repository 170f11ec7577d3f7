using System.Globalization;
using System.Text.Json;
using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Server.Components.Shared;

/// <summary>
/// Writes the values behind a triage result against the limits they were judged by, short enough for a list cell:
/// "87 % (rød &lt; 90)", "121/73 mmHg" style pieces per quantity, "36 poeng (rød ≥ 31)". The limit shown is the one
/// crossed; a value inside its limits shows the green range.
/// </summary>
public static class ReadingText
{
    private static readonly Dictionary<string, QuantityDefinition> ByInputName = Enum.GetValues<MeasuredQuantity>()
        .ToDictionary(q => JsonNamingPolicy.CamelCase.ConvertName(q.ToString()), MeasurementCatalogue.Get);

    public static string Format(IReadOnlyList<TriageInput> inputs, bool english)
    {
        var bounds = inputs.Where(i => i.Name.Contains('.', StringComparison.Ordinal)).ToDictionary(i => i.Name, i => i.Value);
        var parts = new List<string>();
        foreach (var input in inputs.Where(i => !i.Name.Contains('.', StringComparison.Ordinal)))
        {
            if (ByInputName.TryGetValue(input.Name, out var quantity))
                parts.Add(Quantity(input, quantity, bounds, english));
            else if (input.Name == "score")
                parts.Add(Score(input.Value, bounds, english));
        }

        return string.Join(" · ", parts);
    }

    public static string Number(decimal value, int decimals) =>
        Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString(decimals == 0 ? "0" : "0." + new string('#', decimals), CultureInfo.CurrentCulture);

    private static string Quantity(TriageInput input, QuantityDefinition q, Dictionary<string, decimal> bounds, bool english)
    {
        decimal? Bound(string name) => bounds.TryGetValue($"{input.Name}.{name}", out var b) ? b : null;
        var (redLow, yellowLow, yellowHigh, redHigh) = (Bound("redLow"), Bound("yellowLow"), Bound("yellowHigh"), Bound("redHigh"));
        var value = $"{Number(input.Value, q.Decimals)} {q.DisplayUnit}";
        var name = q.Quantity is MeasuredQuantity.SystolicPressure or MeasuredQuantity.DiastolicPressure ? (english ? q.NameEn : q.NameNb) + " " : "";
        string Limit(string zoneNb, string zoneEn, string sign, decimal bound) =>
            $"{name}{value} ({(english ? zoneEn : zoneNb)} {sign} {Number(bound, q.Decimals)})";

        if (redLow is { } rl && input.Value < rl)
            return Limit("rød", "red", "<", rl);
        if (redHigh is { } rh && input.Value > rh)
            return Limit("rød", "red", ">", rh);
        if (yellowLow is { } yl && input.Value < yl)
            return Limit("gul", "yellow", "<", yl);
        if (yellowHigh is { } yh && input.Value > yh)
            return Limit("gul", "yellow", ">", yh);

        var low = yellowLow ?? redLow;
        var high = yellowHigh ?? redHigh;
        var range = (low, high) switch
        {
            ({ } l, { } h) => $" ({(english ? "limits" : "grenser")} {Number(l, q.Decimals)}–{Number(h, q.Decimals)})",
            ({ } l, null) => $" (≥ {Number(l, q.Decimals)})",
            (null, { } h) => $" (≤ {Number(h, q.Decimals)})",
            _ => "",
        };
        return name + value + range;
    }

    private static string Score(decimal score, Dictionary<string, decimal> bounds, bool english)
    {
        var text = $"{Number(score, 1)} {(english ? "points" : "poeng")}";
        if (bounds.TryGetValue("score.redFrom", out var red) && score >= red)
            return $"{text} ({(english ? "red" : "rød")} ≥ {Number(red, 1)})";
        if (bounds.TryGetValue("score.yellowFrom", out var yellow) && score >= yellow)
            return $"{text} ({(english ? "yellow" : "gul")} ≥ {Number(yellow, 1)})";
        return bounds.TryGetValue("score.yellowFrom", out var limit) ? $"{text} (< {Number(limit, 1)})" : text;
    }
}
