namespace Varde.Server.Features.EquipmentRegister;

/// <summary>The lent-equipment register: /api/equipment for the service's nurses and coordinators and for administrators, /api/admin/equipment for administrators (ADR 0026).</summary>
public static class EquipmentGroup
{
    public static IHostApplicationBuilder AddEquipmentRegister(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<EquipmentAccess>();
        builder.Services.AddScoped<ListEquipment>();
        builder.Services.AddScoped<GetEquipment>();
        builder.Services.AddScoped<AddEquipment>();
        builder.Services.AddScoped<EditEquipment>();
        builder.Services.AddScoped<RetireEquipment>();
        builder.Services.AddScoped<HandOutEquipment>();
        builder.Services.AddScoped<ReturnEquipment>();
        builder.Services.AddScoped<StartUpEquipment>();
        return builder;
    }

    public static void Map(WebApplication app, RouteGroupBuilder admin)
    {
        var equipment = app.MapGroup("/api/equipment").WithTags("Equipment");
        ListEquipment.Map(equipment);
        GetEquipment.Map(equipment);
        HandOutEquipment.Map(equipment);
        ReturnEquipment.Map(equipment);
        AddEquipment.Map(admin);
        EditEquipment.Map(admin);
        RetireEquipment.Map(admin);
    }
}
