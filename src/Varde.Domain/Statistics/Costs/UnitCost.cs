namespace Varde.Domain.Statistics.Costs;

/// <summary>
/// What one unit of a service costs, in kroner (per admission, bed day, visit, hour of home nursing or day in a
/// short-term institution, as <see cref="ServiceUseKind"/> counts it): the installation's default when
/// <see cref="MunicipalityId"/> is null, or one municipality's own. With the year the price is of and where it comes from,
/// since a benefit in kroner is only as good as its prices.
/// </summary>
public sealed class UnitCost
{
    /// <summary>The highest unit cost taken (ten million kroner).</summary>
    public const decimal Highest = 10_000_000m;

    private UnitCost()
    {
        Source = "";
        SetBy = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The municipality whose own price it is; null for the installation's default.</summary>
    public Guid? MunicipalityId { get; private set; }

    public ServiceUseKind Kind { get; private set; }

    public decimal Kroner { get; private set; }

    /// <summary>The year whose kroner the price is in.</summary>
    public int PriceYear { get; private set; }

    /// <summary>Where the price comes from (a KOSTRA table, the DRG price list, the municipality's own accounts…).</summary>
    public string Source { get; private set; }

    public DateTimeOffset SetAt { get; private set; }

    public string SetBy { get; private set; }

    /// <summary>A price that passes the rules: a positive amount in øre up to <see cref="Highest"/>, a year 2000–2100, a source of 1–500 characters.</summary>
    public static Validated<UnitCost> Create(Guid id, Guid? municipalityId, ServiceUseKind kind, decimal kroner, int priceYear, string? source,
        DateTimeOffset setAt, string setBy)
    {
        var errors = new List<ValidationError>();
        if (kroner <= 0 || !Money.IsAmount(kroner, Highest))
            errors.Add(new($"costs.{kind}", $"A unit cost is more than 0 and at most 10,000,000 kroner, with at most two decimals."));
        if (priceYear is < 2000 or > 2100)
            errors.Add(new("priceYear", "Give the year whose kroner the prices are in (2000–2100)."));
        if (string.IsNullOrWhiteSpace(source) || source.Trim().Length > 500)
            errors.Add(new("source", "Say where the prices come from (1–500 characters)."));
        return errors.Count > 0
            ? Validated<UnitCost>.Fail(errors)
            : Validated<UnitCost>.Ok(new UnitCost
            {
                Id = id, MunicipalityId = municipalityId, Kind = kind, Kroner = kroner, PriceYear = priceYear, Source = source!.Trim(), SetAt = setAt,
                SetBy = setBy,
            });
    }
}

/// <summary>The price list: a municipality's own unit cost for a service where it has one, else the installation's default, else none.</summary>
public sealed class UnitPrices(IEnumerable<UnitCost> costs)
{
    private readonly Dictionary<(Guid? Municipality, ServiceUseKind Kind), decimal> _prices = costs.ToDictionary(c => (c.MunicipalityId, c.Kind), c => c.Kroner);

    public decimal? For(Guid municipalityId, ServiceUseKind kind) =>
        _prices.TryGetValue((municipalityId, kind), out var own) ? own
        : _prices.TryGetValue((null, kind), out var fallback) ? fallback
        : null;
}
