namespace Varde.Domain.Organisations;

public enum OrganisationKind
{
    /// <summary>A kommune, identified by its four-digit municipality number.</summary>
    Municipality,

    /// <summary>A follow-up service (oppfølgingstjeneste); may serve several municipalities.</summary>
    FollowUpService,

    /// <summary>A GP office (legekontor).</summary>
    GpOffice,

    /// <summary>A hospital department.</summary>
    HospitalDepartment,

    /// <summary>One of the health communities (helsefellesskap) that group municipalities and hospitals.</summary>
    HealthCommunity,
}
