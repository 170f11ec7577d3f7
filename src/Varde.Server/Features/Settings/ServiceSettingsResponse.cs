using Varde.Domain.Services;

namespace Varde.Server.Features.Settings;

/// <summary>A follow-up service's settings as the administration API and screen show them; <see cref="Stored"/> is false while it works by the defaults.</summary>
public sealed record ServiceSettingsResponse(
    Guid ServiceId,
    string ServiceName,
    bool Stored,
    IReadOnlyList<ServiceSettingsResponse.Period> Weekly,
    IReadOnlyList<ClosedDay> ClosedDays,
    int EscalateAfterMinutes,
    Guid? EscalateToStaffId,
    string? EscalateToName,
    int PatientsPerNurse,
    int DefaultGraceMinutes)
{
    /// <summary>One opening period: a weekday and local times "HH:mm" (closes "24:00" for midnight).</summary>
    public sealed record Period(DayOfWeek Day, string Opens, string Closes);

    public static ServiceSettingsResponse From(ServiceSettings s, string serviceName, bool stored, string? escalateToName) => new(
        s.ServiceId, serviceName, stored,
        [.. s.OpeningHours.Weekly.OrderBy(p => ((int)p.Day + 6) % 7).ThenBy(p => p.Opens).Select(p => new Period(p.Day, Time(p.Opens), Time(p.Closes)))],
        s.ClosedDays, s.EscalateAfterMinutes, s.EscalateToStaffId, escalateToName, s.PatientsPerNurse, s.DefaultGraceMinutes);

    private static string Time(TimeOnly t) => t >= ServiceSettingsRequest.EndOfDay ? "24:00" : t.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
