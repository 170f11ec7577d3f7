namespace Varde.Server.Features.BackendSystems;

/// <summary>
/// Backend systems (SMART Backend Services with <c>private_key_jwt</c>, ADR 0045): registration, key changes and
/// revocation under /api/admin (administrators only); the token endpoint and <see cref="Auth.ActiveBackendSystemCheck"/>
/// do the rest.
/// </summary>
public static class BackendSystemsGroup
{
    public static IHostApplicationBuilder AddBackendSystems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ListBackendSystems>();
        builder.Services.AddScoped<RegisterBackendSystem>();
        builder.Services.AddScoped<ChangeBackendSystem>();
        return builder;
    }

    public static void MapBackendSystems(RouteGroupBuilder admin)
    {
        ListBackendSystems.Map(admin);
        RegisterBackendSystem.Map(admin);
        ChangeBackendSystem.Map(admin);
    }
}
