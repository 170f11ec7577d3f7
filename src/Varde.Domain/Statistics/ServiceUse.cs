namespace Varde.Domain.Statistics;

/// <summary>The use of health and care services a benefit is measured by (gevinstrealisering; issue 21 item 4).</summary>
public enum ServiceUseKind
{
    /// <summary>Hospital admissions (innleggelser).</summary>
    HospitalAdmissions,

    /// <summary>Days in hospital (liggedøgn).</summary>
    BedDays,

    /// <summary>Emergency department visits (akuttmottak).</summary>
    EmergencyVisits,

    /// <summary>Visits to the GP (fastlege).</summary>
    GpVisits,

    /// <summary>Out-of-hours visits (legevakt).</summary>
    OutOfHoursVisits,

    /// <summary>Hours of home nursing (hjemmesykepleie).</summary>
    HomeNursingHours,

    /// <summary>Days in a short-term municipal institution (korttidsopphold).</summary>
    ShortTermInstitutionDays,
}

/// <summary>
/// One patient's use of one service in one calendar month, from a registry extract. Imported, never typed in; a month
/// imported again replaces what was there (so the same file imported twice changes nothing).
/// </summary>
public sealed class ServiceUseMonth
{
    private ServiceUseMonth()
    {
        Source = "";
    }

    public ServiceUseMonth(Guid patientId, DateOnly month, ServiceUseKind kind, decimal amount, string source, DateTimeOffset importedAt)
    {
        PatientId = patientId;
        Month = new DateOnly(month.Year, month.Month, 1);
        Kind = kind;
        Amount = amount;
        Source = source;
        ImportedAt = importedAt;
    }

    public Guid PatientId { get; private set; }

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; private set; }

    public ServiceUseKind Kind { get; private set; }

    /// <summary>How many (admissions, visits) or how much (days, hours).</summary>
    public decimal Amount { get; private set; }

    /// <summary>The extract it came from, as the importer wrote it.</summary>
    public string Source { get; private set; }

    public DateTimeOffset ImportedAt { get; private set; }

    /// <summary>A newer extract's figure for the same month, with where it came from.</summary>
    public void Replace(decimal amount, string source, DateTimeOffset importedAt)
    {
        Amount = amount;
        Source = source;
        ImportedAt = importedAt;
    }
}

/// <summary>
/// What the before-and-after figures need of a month of an extract: which month (its first day), which service and how
/// much. A value, not an object: a national request reads hundreds of thousands.
/// </summary>
public readonly record struct MonthOfUse(DateOnly Month, ServiceUseKind Kind, decimal Amount)
{
    /// <summary>The month's first day (any day given names its month).</summary>
    public DateOnly Month { get; } = new(Month.Year, Month.Month, 1);
}
