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

    /// <summary>
    /// The municipality's allocation office (tildelingskontor), which makes the decision (vedtak) on a referral for the
    /// patients who live in its municipality; works in a municipality and sees those patients' pathways.
    /// </summary>
    AllocationOffice,

    /// <summary>A device gateway or integration using OAuth2 client credentials; acts for one follow-up service.</summary>
    DeviceGateway,

    /// <summary>
    /// A backend system of a follow-up service or a hospital department (its EHR) signing in with a signed JWT (SMART
    /// Backend Services, ADR 0045); reads, never writes, what its organisation's staff may read.
    /// </summary>
    BackendSystem,

    /// <summary>A patient signed in to the patient app (on a lent tablet with a PIN, later with ID-porten); reaches only their own data.</summary>
    Patient,

    /// <summary>
    /// A relative (pårørende) signed in to the patient app for one patient, with that patient's consent; reaches only that
    /// patient's data, and only while the consent lasts (checked on every request).
    /// </summary>
    Relative,
}
