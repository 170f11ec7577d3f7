namespace Varde.Domain.Access;

/// <summary>What a caller is, for access decisions. Staff have one role; integration clients are device gateways.</summary>
public enum Role
{
    Nurse,
    Coordinator,
    Gp,
    Specialist,
    Leader,
    Administrator,

    /// <summary>A device gateway or integration using OAuth2 client credentials; acts for one follow-up service.</summary>
    DeviceGateway,

    /// <summary>A patient signed in to the patient app (on a lent tablet with a PIN, later with ID-porten); reaches only their own data.</summary>
    Patient,
}
