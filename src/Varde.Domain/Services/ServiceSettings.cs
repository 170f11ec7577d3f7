namespace Varde.Domain.Services;

/// <summary>A follow-up service's opening hours and how long a red alert may wait unacknowledged while it is open.</summary>
public sealed class ServiceSettings
{
    public const int DefaultEscalateAfterMinutes = 30;

    private ServiceSettings()
    {
        OpeningHours = OpeningHours.WeekdaysDaytime;
    }

    public Guid ServiceId { get; private set; }

    public OpeningHours OpeningHours { get; private set; }

    public int EscalateAfterMinutes { get; private set; }

    public TimeSpan EscalateAfter => TimeSpan.FromMinutes(EscalateAfterMinutes);

    public static ServiceSettings Default(Guid serviceId) =>
        new() { ServiceId = serviceId, EscalateAfterMinutes = DefaultEscalateAfterMinutes };

    public static Validated<ServiceSettings> Create(Guid serviceId, OpeningHours hours, int escalateAfterMinutes)
    {
        var errors = hours.Check("openingHours").ToList();
        if (escalateAfterMinutes is < 5 or > 24 * 60)
            errors.Add(new("escalateAfterMinutes", "Escalation comes after 5 minutes to 24 hours."));
        return errors.Count > 0
            ? Validated<ServiceSettings>.Fail(errors)
            : Validated<ServiceSettings>.Ok(new ServiceSettings { ServiceId = serviceId, OpeningHours = hours, EscalateAfterMinutes = escalateAfterMinutes });
    }
}

/// <summary>A day the follow-up services are closed (public holidays, stored as data).</summary>
public sealed record PublicHoliday(DateOnly Date, string Name);
