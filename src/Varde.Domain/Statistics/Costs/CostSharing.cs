namespace Varde.Domain.Statistics.Costs;

/// <summary>How a follow-up service's costs are shared between the municipalities it serves (the agreed key).</summary>
public enum CostSharingKey
{
    /// <summary>By the municipalities' inhabitants (Statistics Norway's population on 1 January of the month's year).</summary>
    PerInhabitant,

    /// <summary>By the days the service followed patients living in each municipality that month.</summary>
    PerPatientDay,

    /// <summary>By fixed shares in per cent, agreed between the municipalities.</summary>
    FixedShares,
}

/// <summary>A municipality's fixed share, in per cent.</summary>
public sealed record CostShare(Guid MunicipalityId, decimal Percent);

/// <summary>
/// The key a follow-up service's municipalities agreed to share its costs by, with the fixed shares when that is the
/// key. One per service; set again, it replaces the one before (the audit log keeps what it was).
/// </summary>
public sealed class CostSharingAgreement
{
    private readonly List<CostShare> _shares = [];

    private CostSharingAgreement()
    {
        SetBy = "";
    }

    public Guid ServiceId { get; private set; }

    public CostSharingKey Key { get; private set; }

    /// <summary>The fixed shares (only with <see cref="CostSharingKey.FixedShares"/>): every municipality served, adding up to 100.</summary>
    public IReadOnlyList<CostShare> Shares => _shares;

    public string? Note { get; private set; }

    public DateTimeOffset SetAt { get; private set; }

    public string SetBy { get; private set; }

    /// <summary>
    /// An agreement that passes the rules: fixed shares name each municipality the service serves once and no other, each
    /// 0–100 with at most two decimals, adding up to exactly 100; the other keys take no shares.
    /// </summary>
    public static Validated<CostSharingAgreement> Create(Guid serviceId, CostSharingKey key, IReadOnlyList<CostShare> shares,
        IReadOnlyCollection<Guid> served, string? note, DateTimeOffset setAt, string setBy)
    {
        var errors = new List<ValidationError>();
        if (key != CostSharingKey.FixedShares && shares.Count > 0)
            errors.Add(new("shares", "Shares are given only with the key FixedShares."));
        if (key == CostSharingKey.FixedShares)
        {
            if (shares.Select(s => s.MunicipalityId).Distinct().Count() != shares.Count)
                errors.Add(new("shares", "Each municipality has one share."));
            if (shares.Any(s => !served.Contains(s.MunicipalityId)))
                errors.Add(new("shares", "A share is given only to a municipality the service serves."));
            if (served.Any(m => shares.All(s => s.MunicipalityId != m)))
                errors.Add(new("shares", "Give every municipality the service serves a share (0 is a share)."));
            if (shares.Any(s => !Money.IsAmount(s.Percent, 100m)))
                errors.Add(new("shares", "A share is 0 to 100 per cent, with at most two decimals."));
            else if (shares.Sum(s => s.Percent) != 100m)
                errors.Add(new("shares", "The shares add up to 100 per cent."));
        }

        if (note?.Trim().Length > 1000)
            errors.Add(new("note", "A note is at most 1,000 characters."));
        if (errors.Count > 0)
            return Validated<CostSharingAgreement>.Fail(errors);
        var agreement = new CostSharingAgreement
        {
            ServiceId = serviceId, Key = key, Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), SetAt = setAt, SetBy = setBy,
        };
        agreement._shares.AddRange(shares.OrderBy(s => s.MunicipalityId));
        return Validated<CostSharingAgreement>.Ok(agreement);
    }

    /// <summary>Takes the key, shares and note of a newer agreement.</summary>
    public void Replace(CostSharingAgreement newer)
    {
        Key = newer.Key;
        _shares.Clear();
        _shares.AddRange(newer.Shares);
        Note = newer.Note;
        SetAt = newer.SetAt;
        SetBy = newer.SetBy;
    }
}
