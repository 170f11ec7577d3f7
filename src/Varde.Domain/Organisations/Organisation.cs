using System.Text.RegularExpressions;

namespace Varde.Domain.Organisations;

/// <summary>
/// A municipality, follow-up service, GP office, hospital department or health community. Every record in Varde
/// belongs to one organisation. A follow-up service serves one or more municipalities; all but health communities
/// may belong to one health community.
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

    public static Validated<Organisation> Municipality(Guid id, string name, string municipalityNumber, Guid? healthCommunityId)
    {
        var errors = NameErrors(name).ToList();
        if (!MunicipalityNumberPattern().IsMatch(municipalityNumber ?? ""))
            errors.Add(new("municipalityNumber", "A municipality number (kommunenummer) has exactly four digits."));
        return errors.Count > 0
            ? Validated<Organisation>.Fail(errors)
            : Validated<Organisation>.Ok(new(id, OrganisationKind.Municipality, name.Trim(), municipalityNumber, healthCommunityId));
    }

    public static Validated<Organisation> FollowUpService(
        Guid id, string name, IReadOnlyCollection<Organisation> servedMunicipalities, Guid? healthCommunityId)
    {
        var errors = NameErrors(name).ToList();
        if (servedMunicipalities.Count == 0)
            errors.Add(new("servedMunicipalities", "A follow-up service serves at least one municipality."));
        if (servedMunicipalities.Any(m => m.Kind != OrganisationKind.Municipality))
            errors.Add(new("servedMunicipalities", "A follow-up service can only serve municipalities."));
        if (errors.Count > 0)
            return Validated<Organisation>.Fail(errors);

        var service = new Organisation(id, OrganisationKind.FollowUpService, name.Trim(), null, healthCommunityId);
        service._servedMunicipalityIds.AddRange(servedMunicipalities.Select(m => m.Id).Distinct());
        return Validated<Organisation>.Ok(service);
    }

    public static Validated<Organisation> GpOffice(Guid id, string name, Guid? healthCommunityId) =>
        Simple(id, OrganisationKind.GpOffice, name, healthCommunityId);

    public static Validated<Organisation> HospitalDepartment(Guid id, string name, Guid? healthCommunityId) =>
        Simple(id, OrganisationKind.HospitalDepartment, name, healthCommunityId);

    public static Validated<Organisation> HealthCommunity(Guid id, string name) =>
        Simple(id, OrganisationKind.HealthCommunity, name, null);

    /// <summary>Whether this follow-up service serves the given municipality.</summary>
    public bool Serves(Guid municipalityId) => Kind == OrganisationKind.FollowUpService && _servedMunicipalityIds.Contains(municipalityId);

    private static Validated<Organisation> Simple(Guid id, OrganisationKind kind, string name, Guid? healthCommunityId)
    {
        var errors = NameErrors(name).ToList();
        return errors.Count > 0
            ? Validated<Organisation>.Fail(errors)
            : Validated<Organisation>.Ok(new(id, kind, name.Trim(), null, healthCommunityId));
    }

    private static IEnumerable<ValidationError> NameErrors(string? name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
            yield return new("name", "An organisation needs a name of 1 to 200 characters.");
    }

    [GeneratedRegex("^[0-9]{4}$")]
    private static partial Regex MunicipalityNumberPattern();
}
