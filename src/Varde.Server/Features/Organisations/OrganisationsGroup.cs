using Varde.Server.Features.Audit;
using Varde.Server.Features.BackendSystems;
using Varde.Server.Features.EquipmentRegister;
using Varde.Server.Features.Gateways;
using Varde.Server.Features.StaffMembers;

namespace Varde.Server.Features.Organisations;

/// <summary>/api/admin: organisations, staff, device gateways, backend systems, lent equipment and the administrative audit log, for administrators only (and /api/equipment).</summary>
public static class OrganisationsGroup
{
    public static IHostApplicationBuilder AddAdministration(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AdminAudit>();
        builder.Services.AddScoped<SearchAudit>();
        builder.Services.AddScoped<ListOrganisations>();
        builder.Services.AddScoped<CreateOrganisation>();
        builder.Services.AddScoped<EditOrganisation>();
        builder.Services.AddScoped<DeactivateOrganisation>();
        builder.Services.AddScoped<ReactivateOrganisation>();
        builder.Services.AddScoped<ListStaff>();
        builder.Services.AddScoped<GetStaffMember>();
        builder.Services.AddScoped<InviteStaff>();
        builder.Services.AddScoped<EditStaff>();
        builder.Services.AddScoped<DeactivateStaff>();
        builder.Services.AddScoped<ReactivateStaff>();
        builder.Services.AddScoped<ImportStaff>();
        builder.Services.AddScoped<SetPassword>();
        builder.Services.AddScoped<IssueSetUpLink>();
        builder.AddGateways();
        builder.AddBackendSystems();
        builder.AddEquipmentRegister();
        return builder;
    }

    public static WebApplication MapAdministration(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration");
        ListOrganisations.Map(admin);
        CreateOrganisation.Map(admin);
        EditOrganisation.Map(admin);
        DeactivateOrganisation.Map(admin);
        ReactivateOrganisation.Map(admin);
        ListStaff.Map(admin);
        GetStaffMember.Map(admin);
        InviteStaff.Map(admin);
        EditStaff.Map(admin);
        DeactivateStaff.Map(admin);
        ReactivateStaff.Map(admin);
        ImportStaff.Map(admin);
        IssueSetUpLink.Map(admin);
        SearchAudit.Map(admin);
        GatewaysGroup.MapGateways(admin);
        BackendSystemsGroup.MapBackendSystems(admin);
        EquipmentGroup.Map(app, admin);
        SetPassword.Map(app);
        return app;
    }
}
