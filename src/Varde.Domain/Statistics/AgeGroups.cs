namespace Varde.Domain.Statistics;

/// <summary>
/// The age bands of the directorate's welfare-technology statistics (Helsedirektoratet's status report 2023: 18–49,
/// 50–66, 67–79, 80–89, 90 and over; under 18 kept apart), by age in whole years on the last day of the period.
/// </summary>
public static class AgeGroups
{
    /// <summary>The bands, youngest first.</summary>
    public static IReadOnlyList<string> All { get; } = ["0-17", "18-49", "50-66", "67-79", "80-89", "90+"];

    public static string Of(int age) => age switch
    {
        < 18 => "0-17",
        < 50 => "18-49",
        < 67 => "50-66",
        < 80 => "67-79",
        < 90 => "80-89",
        _ => "90+",
    };
}
