using System.Security.Claims;
using System.Text.Json;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Domain.Organisations;
using Varde.Domain.Staff;
using Varde.Server.Auth;
using Varde.Server.Infrastructure;

namespace Varde.Server.Features.Audit;

/// <summary>
/// Adds an entry to the administrative audit log in the same unit of work as the change it records, so both are saved
/// in one transaction or neither is. Before and after are small snapshots written as JSON; nothing goes to the logger.
/// </summary>
public sealed class AdminAudit(VardeDbContext db, TimeProvider clock)
{
    /// <summary>The actor of the first start's set-up, when nobody is signed in yet (the entry names the new administrator).</summary>
    public const string SetUpActor = "setup";

    private static readonly JsonSerializerOptions Json = JsonFor();

    public void Stage(ClaimsPrincipal actor, string entityKind, Guid entityId, string action, object? before, object? after)
    {
        var caller = Callers.From(actor);
        Stage(caller.ActorId, actor.FindFirstValue(VardeClaims.Name) ?? caller.ActorId, entityKind, entityId, action, before, after);
    }

    public void Stage(string actorId, string actorName, string entityKind, Guid entityId, string action, object? before, object? after)
    {
        var now = clock.GetUtcNow();
        db.AdminAudit.Add(AdminAuditEntry.Record(Guid.CreateVersion7(now), now, actorId, actorName, entityKind, entityId, action,
            before is null ? null : JsonSerializer.Serialize(before, Json), after is null ? null : JsonSerializer.Serialize(after, Json)));
    }

    /// <summary>What the log keeps of an organisation.</summary>
    public static object Snapshot(Organisation o) => new
    {
        o.Kind, o.Name, o.MunicipalityNumber, o.OrganisationNumber, o.HealthCommunityId,
        ServedMunicipalityIds = o.Kind == OrganisationKind.FollowUpService ? o.ServedMunicipalityIds.ToArray() : null, o.DeactivatedAt,
    };

    /// <summary>What the log keeps of a staff member (never a password or a set-up link).</summary>
    public static object Snapshot(StaffMember s, string? userName = null) => new { s.Name, s.Role, s.OrganisationId, s.HprNumber, s.WorkPhone, UserName = userName, s.DeactivatedAt };

    private static JsonSerializerOptions JsonFor()
    {
        // Names as written (æ, ø, å), not \u escapes: the log is read by people, and shown HTML-encoded.
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        ProblemDetailsSetup.Configure(options);
        return options;
    }
}
