using Varde.Domain.Access;

namespace Varde.Server.Demo;

/// <summary>The demo's staff logins and device-gateway client. Demo only: never use these outside a demo.</summary>
public static class DemoLogins
{
    public const string Password = "Varde-demo-2026";
    public const string GatewayClientId = "demo-gateway";
    public const string GatewayClientSecret = "demo-gateway-secret-2026";

    public sealed record Staff(string UserName, string Name, Role Role, string OrganisationKey, string? Hpr);

    public static IReadOnlyList<Staff> All { get; } =
    [
        new("sykepleier1", "Kari Holm", Role.Nurse, "service", "9100001"),
        new("sykepleier2", "Anders Berg", Role.Nurse, "service", "9100002"),
        new("koordinator", "Siri Lunde", Role.Coordinator, "service", null),
        new("fastlege1", "Per Aas", Role.Gp, "gp-horten", "9100011"),
        new("fastlege2", "Nina Dahl", Role.Gp, "gp-tonsberg", "9100012"),
        new("spesialist", "Lars Moe", Role.Specialist, "hospital", "9100021"),
        new("leder", "Eva Strand", Role.Leader, "service", null),
        new("tildeling", "Ingrid Vang", Role.AllocationOffice, "tonsberg", null),
        new("admin", "Tor Vik", Role.Administrator, "service", null),
    ];
}
