namespace Varde.Domain.Statistics.Costs;

/// <summary>
/// A follow-up service's own costs in one calendar month: staff hours at a cost per hour (wages with social costs),
/// equipment, licences and anything else, in kroner. Entered by the service; a month entered again replaces the figures.
/// </summary>
public sealed class ServiceCostMonth
{
    /// <summary>The highest amount taken for one month's item (one hundred million kroner).</summary>
    public const decimal Highest = 100_000_000m;

    /// <summary>The most staff hours taken for one month.</summary>
    public const decimal MostHours = 100_000m;

    private ServiceCostMonth()
    {
        SetBy = "";
    }

    public Guid ServiceId { get; private set; }

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; private set; }

    public decimal StaffHours { get; private set; }

    /// <summary>Kroner per staff hour, social costs included.</summary>
    public decimal StaffHourCost { get; private set; }

    public decimal Equipment { get; private set; }

    public decimal Licences { get; private set; }

    public decimal Other { get; private set; }

    public string? Note { get; private set; }

    public DateTimeOffset SetAt { get; private set; }

    public string SetBy { get; private set; }

    /// <summary>The month's costs: staff hours × their cost (to the øre) plus equipment, licences and the rest.</summary>
    public decimal Total => decimal.Round(StaffHours * StaffHourCost, 2, MidpointRounding.AwayFromZero) + Equipment + Licences + Other;

    public static Validated<ServiceCostMonth> Create(Guid serviceId, DateOnly month, decimal staffHours, decimal staffHourCost, decimal equipment,
        decimal licences, decimal other, string? note, DateTimeOffset setAt, string setBy)
    {
        var errors = new List<ValidationError>();
        if (!Money.IsAmount(staffHours, MostHours))
            errors.Add(new("staffHours", $"Staff hours are 0 to 100,000, with at most two decimals."));
        foreach (var (field, amount) in new[] { ("staffHourCost", staffHourCost), ("equipment", equipment), ("licences", licences), ("other", other) })
        {
            if (!Money.IsAmount(amount, Highest))
                errors.Add(new(field, $"An amount is 0 to 100,000,000 kroner, with at most two decimals."));
        }

        if (note?.Trim().Length > 1000)
            errors.Add(new("note", "A note is at most 1,000 characters."));
        return errors.Count > 0
            ? Validated<ServiceCostMonth>.Fail(errors)
            : Validated<ServiceCostMonth>.Ok(new ServiceCostMonth
            {
                ServiceId = serviceId, Month = new DateOnly(month.Year, month.Month, 1), StaffHours = staffHours, StaffHourCost = staffHourCost,
                Equipment = equipment, Licences = licences, Other = other, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), SetAt = setAt,
                SetBy = setBy,
            });
    }

    /// <summary>Takes the figures of a newer entry for the same month.</summary>
    public void Replace(ServiceCostMonth newer)
    {
        StaffHours = newer.StaffHours;
        StaffHourCost = newer.StaffHourCost;
        Equipment = newer.Equipment;
        Licences = newer.Licences;
        Other = newer.Other;
        Note = newer.Note;
        SetAt = newer.SetAt;
        SetBy = newer.SetBy;
    }
}
