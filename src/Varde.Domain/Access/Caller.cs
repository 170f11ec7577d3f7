namespace Varde.Domain.Access;

/// <summary>Who is asking: a staff member or an integration client, with the organisation they act for.</summary>
public sealed record Caller(string ActorId, Role Role, Guid OrganisationId)
{
    /// <summary>For a relative: the patient they act for, with the patient's consent.</summary>
    public Guid? OnBehalfOf { get; init; }
}
