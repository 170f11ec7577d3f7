using Varde.Domain.Access;

namespace Varde.Domain.Pathways;

/// <summary>
/// Who may move a patient along the pathway: GPs, specialists, nurses and coordinators refer; the follow-up service's
/// nurses and coordinators assess, start up, run the trial, activate, evaluate and end; the decision (the municipality's
/// vedtak) is the allocation office's, or the coordinator's where the municipality has delegated it to the service. Approving the plan is the GP's, and belongs to the plan, not the pathway.
/// </summary>
public static class PathwayRoles
{
    public static bool May(Role role, PathwayStep step) => step switch
    {
        PathwayStep.Refer => role is Role.Gp or Role.Specialist or Role.Nurse or Role.Coordinator,
        PathwayStep.Decide => role is Role.Coordinator or Role.AllocationOffice,
        _ => role is Role.Nurse or Role.Coordinator,
    };
}
