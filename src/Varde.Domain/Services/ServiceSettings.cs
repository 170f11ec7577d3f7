namespace Varde.Domain.Services;

/// <summary>
/// How a follow-up service works, set by an administrator: its weekly opening hours and its own closed days (besides the
/// public holidays), how long a red alert may wait unacknowledged while it is open and who is then told, the planning
/// figure of patients per nurse, and the grace after a due time before a report counts as missing where a plan does not
/// say. A service without stored settings works by <see cref="Default"/>.
/// </summary>
public sealed class ServiceSettings
{
    public const int DefaultEscalateAfterMinutes = 30;
    public const int DefaultPatientsPerNurse = 80;
    public const int DefaultGraceMinutesForService = 120;

    private List<ClosedDay> _closedDays = [];

    private ServiceSettings()
    {
        OpeningHours = OpeningHours.WeekdaysDaytime;
    }

    public Guid ServiceId { get; private set; }

    public OpeningHours OpeningHours { get; private set; }

    /// <summary>Days the service is closed besides the public holidays (a staff day, Christmas Eve), with the reason.</summary>
    public IReadOnlyList<ClosedDay> ClosedDays => _closedDays;

    public int EscalateAfterMinutes { get; private set; }

    public TimeSpan EscalateAfter => TimeSpan.FromMinutes(EscalateAfterMinutes);

    /// <summary>The staff member told when a red waits too long (a coordinator or the leader on duty); none: the service's coordinators (those on duty, when any is).</summary>
    public Guid? EscalateToStaffId { get; private set; }

    /// <summary>The planning figure: how many followed patients one nurse on duty can have.</summary>
    public int PatientsPerNurse { get; private set; }

    /// <summary>Minutes after a due time before a report counts as missing, for schedule items that do not say.</summary>
    public int DefaultGraceMinutes { get; private set; }

    public TimeSpan DefaultGrace => TimeSpan.FromMinutes(DefaultGraceMinutes);

    public static ServiceSettings Default(Guid serviceId) => new()
    {
        ServiceId = serviceId, EscalateAfterMinutes = DefaultEscalateAfterMinutes, PatientsPerNurse = DefaultPatientsPerNurse,
        DefaultGraceMinutes = DefaultGraceMinutesForService,
    };

    public static Validated<ServiceSettings> Create(Guid serviceId, OpeningHours hours, int escalateAfterMinutes)
    {
        var settings = Default(serviceId);
        var errors = settings.Change(new(hours, [], escalateAfterMinutes, null, DefaultPatientsPerNurse, DefaultGraceMinutesForService));
        return errors.Count > 0 ? Validated<ServiceSettings>.Fail(errors) : Validated<ServiceSettings>.Ok(settings);
    }

    /// <summary>The public holidays and the service's own closed days: the days it is closed all day.</summary>
    public HashSet<DateOnly> ClosedOn(IEnumerable<DateOnly> publicHolidays) => [.. publicHolidays, .. _closedDays.Select(d => d.Date)];

    /// <summary>
    /// Changes every setting at once, or nothing when one is wrong (each error names its field). Whether the escalation
    /// contact works for the service is the caller's to check, since it needs the staff list.
    /// </summary>
    public IReadOnlyList<ValidationError> Change(ServiceSettingsChange change)
    {
        var errors = change.OpeningHours.Check("openingHours").ToList();
        if (change.EscalateAfterMinutes is < 5 or > 24 * 60)
            errors.Add(new("escalateAfterMinutes", "Escalation comes after 5 minutes to 24 hours."));
        if (change.PatientsPerNurse is < 1 or > 500)
            errors.Add(new("patientsPerNurse", "The planning figure is 1 to 500 patients per nurse."));
        if (change.DefaultGraceMinutes is < 0 or > 24 * 60)
            errors.Add(new("defaultGraceMinutes", "Grace is 0 minutes to 24 hours."));
        for (var i = 0; i < change.ClosedDays.Count; i++)
        {
            var reason = change.ClosedDays[i].Reason?.Trim();
            if (string.IsNullOrEmpty(reason) || reason.Length > 100)
                errors.Add(new($"closedDays[{i}].reason", "Say why the service is closed that day (at most 100 characters)."));
        }

        foreach (var twice in change.ClosedDays.GroupBy(d => d.Date).Where(g => g.Count() > 1))
            errors.Add(new("closedDays", $"{twice.Key:yyyy-MM-dd} is given twice."));
        if (errors.Count > 0)
            return errors;

        OpeningHours = change.OpeningHours;
        _closedDays = [.. change.ClosedDays.Select(d => d with { Reason = d.Reason.Trim() }).OrderBy(d => d.Date)];
        EscalateAfterMinutes = change.EscalateAfterMinutes;
        EscalateToStaffId = change.EscalateToStaffId;
        PatientsPerNurse = change.PatientsPerNurse;
        DefaultGraceMinutes = change.DefaultGraceMinutes;
        return [];
    }
}

/// <summary>Everything an administrator sets for a service, in one change.</summary>
public sealed record ServiceSettingsChange(
    OpeningHours OpeningHours,
    IReadOnlyList<ClosedDay> ClosedDays,
    int EscalateAfterMinutes,
    Guid? EscalateToStaffId,
    int PatientsPerNurse,
    int DefaultGraceMinutes);

/// <summary>A day a service is closed besides the public holidays.</summary>
public sealed record ClosedDay(DateOnly Date, string Reason);

/// <summary>A day the follow-up services are closed (public holidays, stored as data).</summary>
public sealed record PublicHoliday(DateOnly Date, string Name);
