using Varde.Domain.Access;

namespace Varde.Server.Components;

/// <summary>Role names as users read them, in bokmål.</summary>
public static class RoleNames
{
    public static string Nb(Role role) => role switch
    {
        Role.Nurse => "Sykepleier",
        Role.Coordinator => "Koordinator",
        Role.Gp => "Fastlege",
        Role.Specialist => "Spesialist",
        Role.Leader => "Leder",
        Role.Administrator => "Administrator",
        Role.AllocationOffice => "Tildelingskontor",
        Role.DeviceGateway => "Enhetsgateway",
        Role.BackendSystem => "Fagsystem",
        Role.Patient => "Pasient",
        Role.Relative => "Pårørende",
    };
}
