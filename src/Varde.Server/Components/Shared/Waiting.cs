namespace Varde.Server.Components.Shared;

/// <summary>How long something has waited, as a nurse says it: "12 min", "3 t 5 min", "2 d 4 t".</summary>
public static class Waiting
{
    public static string Format(int minutes, bool english)
    {
        var (d, h, m) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        var (day, hour) = english ? ("d", "h") : ("d", "t");
        return d > 0 ? $"{d} {day} {h} {hour}" : h > 0 ? $"{h} {hour} {m} min" : $"{m} min";
    }
}
