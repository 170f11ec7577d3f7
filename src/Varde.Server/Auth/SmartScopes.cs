using Varde.Domain.Access;

namespace Varde.Server.Auth;

/// <summary>
/// SMART on FHIR scopes: <c>{system|user|patient}/{Type|*}.{permissions}</c>, where permissions are SMART v2
/// letters (c create, r read, u update, d delete, s search; e.g. <c>rs</c>) or v1 words (<c>read</c> = rs,
/// <c>write</c> = cud, <c>*</c> = all). At /connect/token a client gets the scopes it asked for that its role allows
/// (all of those when it asks for none); each FHIR interaction then needs one granted scope that covers it.
/// </summary>
public static class SmartScopes
{
    private static readonly string[] Writable = ["Observation", "QuestionnaireResponse", "Device"];
    private static readonly string[] Readable = ["Observation", "QuestionnaireResponse", "Device", "Patient", "Questionnaire", "DetectedIssue", "Communication", "CarePlan", "Goal", "Composition"];

    /// <summary>What a role may hold: gateways write readings and devices and read questionnaires and their devices; staff read and search, write readings, and keep their own subscriptions; backend systems read and search (and export).</summary>
    public static IReadOnlyList<string> AllowedFor(Role role) => role switch
    {
        Role.DeviceGateway => [.. Writable.Select(t => $"system/{t}.c"), "system/Questionnaire.rs", "system/Device.rs"],
        Role.Nurse or Role.Coordinator or Role.Gp or Role.Specialist =>
            [.. Readable.Select(t => $"user/{t}.rs"), .. Writable.Select(t => $"user/{t}.c"), "user/Subscription.crds"],
        Role.Patient => [.. Readable.Select(t => $"patient/{t}.rs"), "patient/Observation.c", "patient/QuestionnaireResponse.c"],
        Role.BackendSystem => [.. Readable.Select(t => $"system/{t}.rs")],
        _ => [],
    };

    /// <summary>
    /// The scopes to grant: for each one requested, what of it the role may hold, written as Varde holds it (asking for
    /// <c>system/Observation.crs</c> or the v1 <c>system/Observation.write</c> as a gateway gives
    /// <c>system/Observation.c</c>; <c>system/*.rs</c> gives every readable type); all allowed when none is requested.
    /// Empty when scopes were asked for and none can be given: the token endpoint answers <c>invalid_scope</c>.
    /// The token response names the granted scopes, so a client sees what it got.
    /// </summary>
    public static IReadOnlyList<string> Grant(Role role, IEnumerable<string> requested)
    {
        var allowed = AllowedFor(role);
        var asked = requested.Where(s => s.Contains('/', StringComparison.Ordinal)).ToList();
        if (asked.Count == 0)
            return allowed;
        var granted = new List<string>();
        foreach (var wanted in asked.Select(Parse).OfType<(string Context, string Type, string Permissions)>())
        {
            foreach (var have in allowed.Select(Parse).OfType<(string Context, string Type, string Permissions)>())
            {
                if (wanted.Type != "*" && wanted.Type != have.Type)
                    continue;
                var letters = new string([.. have.Permissions.Where(p => wanted.Permissions.Contains(p, StringComparison.Ordinal))]);
                if (letters.Length > 0)
                    granted.Add($"{have.Context}/{have.Type}.{letters}");
            }
        }

        return [.. granted.Distinct()];
    }

    /// <summary>Whether any granted scope allows <paramref name="permission"/> (c, r, u, d or s) on <paramref name="type"/>.</summary>
    public static bool Allows(IEnumerable<string> granted, string type, char permission) => granted.Any(g => Covers(g, type, permission));

    private static bool Covers(string scope, string type, char permission) =>
        Parse(scope) is { } s && (s.Type == "*" || s.Type == type) && s.Permissions.Contains(permission);

    private static (string Context, string Type, string Permissions)? Parse(string scope)
    {
        var slash = scope.IndexOf('/', StringComparison.Ordinal);
        var dot = scope.LastIndexOf('.');
        if (slash <= 0 || dot <= slash + 1 || dot == scope.Length - 1)
            return null;
        var context = scope[..slash];
        if (context is not ("system" or "user" or "patient"))
            return null;
        var permissions = scope[(dot + 1)..] switch
        {
            "read" => "rs",
            "write" => "cud",
            "*" => "cruds",
            var letters when letters.All(c => "cruds".Contains(c, StringComparison.Ordinal)) => letters,
            _ => null,
        };
        return permissions is null ? null : (context, scope[(slash + 1)..dot], permissions);
    }
}
