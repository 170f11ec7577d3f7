using System.Globalization;
using Varde.Domain;
using Varde.Domain.Services;

namespace Varde.Server.Features.Settings;

/// <summary>
/// PUT body for a service's settings. Times are local (Norwegian) "HH:mm"; "24:00" closes at midnight. Closed days are
/// dates "yyyy-MM-dd" with a reason. Everything is given each time: what is left out is not kept.
/// </summary>
public sealed record ServiceSettingsRequest(
    IReadOnlyList<ServiceSettingsRequest.Period>? Weekly,
    IReadOnlyList<ServiceSettingsRequest.Closed>? ClosedDays,
    int? EscalateAfterMinutes,
    Guid? EscalateToStaffId,
    int? PatientsPerNurse,
    int? DefaultGraceMinutes)
{
    /// <summary>The last instant of a day, which "24:00" stands for.</summary>
    public static readonly TimeOnly EndOfDay = TimeOnly.MaxValue;

    public sealed record Period(string? Day, string? Opens, string? Closes);

    public sealed record Closed(string? Date, string? Reason);

    /// <summary>The change the domain checks, or the fields that cannot be read.</summary>
    public (ServiceSettingsChange? Change, List<ValidationError> Errors) ToChange()
    {
        var errors = new List<ValidationError>();
        var periods = new List<OpeningPeriod>();
        var weekly = Weekly ?? [];
        for (var i = 0; i < weekly.Count; i++)
        {
            var p = weekly[i];
            var day = Enum.TryParse<DayOfWeek>(p.Day, ignoreCase: true, out var d) && !int.TryParse(p.Day, out _) ? d : (DayOfWeek?)null;
            var opens = ParseTime(p.Opens);
            var closes = ParseTime(p.Closes);
            if (day is null)
                errors.Add(new($"weekly[{i}].day", "The day is Monday to Sunday, in English."));
            if (opens is null)
                errors.Add(new($"weekly[{i}].opens", "Give the opening time as HH:mm."));
            if (closes is null)
                errors.Add(new($"weekly[{i}].closes", "Give the closing time as HH:mm (24:00 for midnight)."));
            if (day is { } dd && opens is { } o && closes is { } c)
                periods.Add(new(dd, o, c));
        }

        var closed = new List<ClosedDay>();
        var days = ClosedDays ?? [];
        for (var i = 0; i < days.Count; i++)
        {
            if (DateOnly.TryParseExact(days[i].Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                closed.Add(new(date, days[i].Reason ?? ""));
            else
                errors.Add(new($"closedDays[{i}].date", "Give the date as yyyy-MM-dd."));
        }

        if (EscalateAfterMinutes is null)
            errors.Add(new("escalateAfterMinutes", "Say after how many minutes a red that waits is escalated."));
        if (PatientsPerNurse is null)
            errors.Add(new("patientsPerNurse", "Give the planning figure of patients per nurse."));
        if (DefaultGraceMinutes is null)
            errors.Add(new("defaultGraceMinutes", "Give the grace in minutes before a report counts as missing."));
        return errors.Count > 0
            ? (null, errors)
            : (new ServiceSettingsChange(new OpeningHours(periods), closed, EscalateAfterMinutes!.Value, EscalateToStaffId, PatientsPerNurse!.Value,
                DefaultGraceMinutes!.Value), errors);
    }

    private static TimeOnly? ParseTime(string? text) =>
        text?.Trim() == "24:00" ? EndOfDay
        : TimeOnly.TryParseExact(text?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
        : null;
}
