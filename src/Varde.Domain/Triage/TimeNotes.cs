using Varde.Domain.Plans;
using Varde.Domain.Services;

namespace Varde.Domain.Triage;

/// <summary>
/// What a result says about the report's time: late ("Sen rapport: mottatt 30 t etter at den ble målt."), or a time
/// Varde could not trust ("Usikkert tidspunkt (enhetens klokke?)": judged as measured when received, see
/// <see cref="ReportTime"/>).
/// </summary>
internal static class TimeNotes
{
    public static TriageResult Add(TriageResult result, TriageReport report, PlanVersion? plan)
    {
        if (report.DeviceTime is { } deviceTime)
        {
            return result with
            {
                UncertainTime = true,
                Inputs = [.. result.Inputs, new("deviceTime", deviceTime.ToUnixTimeSeconds(), "s")],
                ExplanationNb = $"{result.ExplanationNb} Usikkert tidspunkt (enhetens klokke?): oppgitt {DisplayTime.DateAndTime(deviceTime, false)}, vurdert som målt da Varde mottok den.",
                ExplanationEn = $"{result.ExplanationEn} Uncertain time (device clock?): given as {DisplayTime.DateAndTime(deviceTime, true)}, judged as measured when Varde received it.",
            };
        }

        var lateAfter = plan?.Rules.LateAfter ?? TimeSpan.FromHours(PlanRules.DefaultLateAfterHours);
        var delay = report.ReceivedAt - report.EffectiveAt;
        if (delay <= lateAfter)
            return result;
        var hours = (int)Math.Floor(delay.TotalHours);
        return result with
        {
            Late = true,
            ExplanationNb = $"{result.ExplanationNb} Sen rapport: mottatt {hours} t etter at den ble målt.",
            ExplanationEn = $"{result.ExplanationEn} Late report: received {hours} h after it was measured.",
        };
    }
}
