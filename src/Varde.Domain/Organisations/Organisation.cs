using System.Text.RegularExpressions;

namespace Varde.Domain.Organisations;

/// <summary>
/// A municipality, follow-up service, GP office, hospital department or health community. Every record in Varde
/// belongs to one organisation. A follow-up service serves one or more municipalities; all but health communities
/// may belong to one health community. An organisation is deactivated, never deleted: what it owns keeps its history.
/// </summary>
public sealed partial class Organisation
{
    private readonly List<Guid> _servedMunicipalityIds = [];

    private Organisation(Guid id, OrganisationKind kind, string name, string? municipalityNumber, Guid? healthCommunityId)
    {
        Id = id;
        Kind = kind;
        Name = name;
        MunicipalityNumber = municipalityNumber;
        HealthCommunityId = healthCommunityId;
    }

    public Guid Id { get; private set; }

    public OrganisationKind Kind { get; private set; }

    public string Name { get; private set; }

    /// <summary>The kommunenummer (four digits), for municipalities only.</summary>
    public string? MunicipalityNumber { get; private set; }

    public Guid? HealthCommunityId { get; private set; }

    /// <summary>For a follow-up service: the municipalities it serves.</summary>
    public IReadOnlyList<Guid> ServedMunicipalityIds => _servedMunicipalityIds;

    /// <summary>The organisasjonsnummer in Enhetsregisteret (nine digits, mod 11), where it is known.</summary>
    public string? OrganisationNumber { get; private set; }

    /// <summary>When it was deactivated: then it is hidden from pickers for new things, and kept for everything it has.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    public bool IsActive => DeactivatedAt is null;

    public static Validated<Organisation> Municipality(Guid id, string name, string municipalityNumber, Guid? healthCommunityId,
        string? organisationNumber = null)
    {
        var errors = NameErrors(name).Concat(MunicipalityNumberErrors(municipalityNumber)).Concat(OrganisationNumberErrors(organisationNumber)).ToList();
        return errors.Count > 0
            ? Validated<Organisation>.Fail(errors)
            : Validated<Organisation>.Ok(new(id, OrganisationKind.Municipality, name.Trim(), municipalityNumber, healthCommunityId)
            {
                OrganisationNumber = Organisations.OrganisationNumber.Normalise(organisationNumber),
            });
    }

    public static Validated<Organisation> FollowUpService(
        Guid id, string name, IReadOnlyCollection<Organisation> servedMunicipalities, Guid? healthCommunityId, string? organisationNumber = null)
    {
        var errors = NameErrors(name).Concat(ServedErrors(servedMunicipalities)).Concat(OrganisationNumberErrors(organisationNumber)).ToList();
        if (errors.Count > 0)
            return Validated<Organisation>.Fail(errors);

        var service = new Organisation(id, OrganisationKind.FollowUpService, name.Trim(), null, healthCommunityId)
        {
            OrganisationNumber = Organisations.OrganisationNumber.Normalise(organisationNumber),
        };
        service._servedMunicipalityIds.AddRange(servedMunicipalities.Select(m => m.Id).Distinct());
        return Validated<Organisation>.Ok(service);
    }

    public static Validated<Organisation> GpOffice(Guid id, string name, Guid? healthCommunityId, string? organisationNumber = null) =>
        Simple(id, OrganisationKind.GpOffice, name, healthCommunityId, organisationNumber);

    public static Validated<Organisation> HospitalDepartment(Guid id, string name, Guid? healthCommunityId, string? organisationNumber = null) =>
        Simple(id, OrganisationKind.HospitalDepartment, name, healthCommunityId, organisationNumber);

    public static Validated<Organisation> HealthCommunity(Guid id, string name, string? organisationNumber = null) =>
        Simple(id, OrganisationKind.HealthCommunity, name, null, organisationNumber);

    /// <summary>
    /// Changes the name, numbers and health community (the kind never changes). A municipality keeps a four-digit
    /// number; a health community belongs to no health community. Nothing is changed when any field is wrong.
    /// </summary>
    public IReadOnlyList<ValidationError> Edit(string name, string? municipalityNumber, string? organisationNumber, Guid? healthCommunityId)
    {
        var errors = NameErrors(name).Concat(OrganisationNumberErrors(organisationNumber)).ToList();
        if (Kind == OrganisationKind.Municipality)
            errors.AddRange(MunicipalityNumberErrors(municipalityNumber));
        if (Kind == OrganisationKind.HealthCommunity && healthCommunityId is not null)
            errors.Add(new("healthCommunityId", "A health community does not belong to another health community."));
        if (healthCommunityId == Id)
            errors.Add(new("healthCommunityId", "An organisation cannot belong to itself."));
        if (errors.Count > 0)
            return errors;
        Name = name.Trim();
        MunicipalityNumber = Kind == OrganisationKind.Municipality ? municipalityNumber : null;
        OrganisationNumber = Organisations.OrganisationNumber.Normalise(organisationNumber);
        HealthCommunityId = healthCommunityId;
        return [];
    }

    /// <summary>For a follow-up service: serves these municipalities from now on (patients keep the municipality they have).</summary>
    public IReadOnlyList<ValidationError> ChangeServedMunicipalities(IReadOnlyCollection<Organisation> servedMunicipalities)
    {
        if (Kind != OrganisationKind.FollowUpService)
            return [new("servedMunicipalities", "Only a follow-up service serves municipalities.")];
        var errors = ServedErrors(servedMunicipalities).ToList();
        if (errors.Count > 0)
            return errors;
        _servedMunicipalityIds.Clear();
        _servedMunicipalityIds.AddRange(servedMunicipalities.Select(m => m.Id).Distinct());
        return [];
    }

    /// <summary>Takes it out of use from <paramref name="at"/>; deactivating again keeps the first time.</summary>
    public void Deactivate(DateTimeOffset at) => DeactivatedAt ??= at.ToUniversalTime();

    /// <summary>Puts it back in use: offered again for new things.</summary>
    public void Reactivate() => DeactivatedAt = null;

    /// <summary>Whether this follow-up service serves the given municipality.</summary>
    public bool Serves(Guid municipalityId) => Kind == OrganisationKind.FollowUpService && _servedMunicipalityIds.Contains(municipalityId);

    private static Validated<Organisation> Simple(Guid id, OrganisationKind kind, string name, Guid? healthCommunityId, string? organisationNumber)
    {
        var errors = NameErrors(name).Concat(OrganisationNumberErrors(organisationNumber)).ToList();
        return errors.Count > 0
            ? Validated<Organisation>.Fail(errors)
            : Validated<Organisation>.Ok(new(id, kind, name.Trim(), null, healthCommunityId)
            {
                OrganisationNumber = Organisations.OrganisationNumber.Normalise(organisationNumber),
            });
    }

    private static IEnumerable<ValidationError> ServedErrors(IReadOnlyCollection<Organisation> servedMunicipalities)
    {
        if (servedMunicipalities.Count == 0)
            yield return new("servedMunicipalities", "A follow-up service serves at least one municipality.");
        if (servedMunicipalities.Any(m => m.Kind != OrganisationKind.Municipality))
            yield return new("servedMunicipalities", "A follow-up service can only serve municipalities.");
    }

    private static IEnumerable<ValidationError> MunicipalityNumberErrors(string? municipalityNumber)
    {
        if (!MunicipalityNumberPattern().IsMatch(municipalityNumber ?? ""))
            yield return new("municipalityNumber", "A municipality number (kommunenummer) has exactly four digits.");
    }

    private static IEnumerable<ValidationError> OrganisationNumberErrors(string? organisationNumber)
    {
        var number = Organisations.OrganisationNumber.Normalise(organisationNumber);
        if (number is not null && !Organisations.OrganisationNumber.IsValid(number))
            yield return new("organisationNumber", "An organisation number has nine digits, the last a check digit (mod 11); this one does not add up.");
    }

    private static IEnumerable<ValidationError> NameErrors(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
            yield return new("name", "An organisation needs a name of 1 to 200 characters.");
    }

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex MunicipalityNumberPattern();
}
