namespace Varde.Domain.Triage;

/// <summary>
/// Whether the time a report says it was measured can be trusted. Device clocks reset to 1970 or 2000 after a battery
/// change, and drift; a report timed more than a few minutes in the future, before the patient was enrolled (with a
/// day's margin), or longer ago than the plan's limit (default 30 days) has an uncertain time. Such a report is never
/// refused and never left unjudged: it is judged as measured when Varde received it, and its explanation says
/// "usikkert tidspunkt", so a red value reaches a nurse as red. The time the sender gave is kept as the device time.
/// </summary>
public static class ReportTime
{
    /// <summary>How far in the future a time may be before it is not trusted: device clocks drift.</summary>
    public static readonly TimeSpan ClockSkewAllowance = TimeSpan.FromMinutes(5);

    public const int DefaultMaxAgeDays = 30;

    /// <summary>A reading measured on the day of enrolment, before the enrolment was registered, is still trusted.</summary>
    public static readonly TimeSpan EnrolmentMargin = TimeSpan.FromDays(1);

    /// <summary>The earliest time a patient's report may claim: the enrolment (less a day) and the plan's maximum age.</summary>
    public static DateTimeOffset NotBefore(DateTimeOffset enrolledAt, DateTimeOffset receivedAt, int maxAgeDays = DefaultMaxAgeDays)
    {
        var byAge = receivedAt - TimeSpan.FromDays(maxAgeDays);
        var byEnrolment = enrolledAt - EnrolmentMargin;
        return byAge > byEnrolment ? byAge : byEnrolment;
    }

    /// <summary>The time to judge a report by, and the time the sender gave when it is not trusted (else null).</summary>
    public static (DateTimeOffset EffectiveAt, DateTimeOffset? DeviceTime) Trust(DateTimeOffset claimed, DateTimeOffset receivedAt, DateTimeOffset notBefore) =>
        claimed > receivedAt + ClockSkewAllowance || claimed < notBefore ? (receivedAt, claimed) : (claimed, null);
}
