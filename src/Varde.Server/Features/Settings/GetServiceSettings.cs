using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Organisations;
using Varde.Domain.Services;
using Varde.Server.Auth;

namespace Varde.Server.Features.Settings;

/// <summary>GET /api/admin/services/{id}/settings: a follow-up service's settings, or the defaults it works by until they are set.</summary>
public sealed class GetServiceSettings(VardeDbContext db)
{
    public static void Map(RouteGroupBuilder admin) =>
        admin.MapGet("/services/{id:guid}/settings", async (Guid id, GetServiceSettings slice, CancellationToken ct) =>
                (await slice.HandleAsync(id, ct)).ToHttp())
            .WithName(nameof(GetServiceSettings))
            .RequireAuthorization(Policies.Administer);

    public async Task<ServiceSettingsOutcome> HandleAsync(Guid serviceId, CancellationToken ct)
    {
        var service = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == serviceId && o.Kind == OrganisationKind.FollowUpService, ct);
        if (service is null)
            return new ServiceSettingsOutcome.NotFound();
        var stored = await db.ServiceSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ServiceId == serviceId, ct);
        var settings = stored ?? ServiceSettings.Default(serviceId);
        var contact = settings.EscalateToStaffId is { } id
            ? await db.StaffMembers.AsNoTracking().Where(s => s.Id == id).Select(s => s.Name).SingleOrDefaultAsync(ct)
            : null;
        return new ServiceSettingsOutcome.Found(ServiceSettingsResponse.From(settings, service.Name, stored is not null, contact));
    }
}
