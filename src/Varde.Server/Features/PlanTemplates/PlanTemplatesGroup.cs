namespace Varde.Server.Features.PlanTemplates;

/// <summary>Plan templates (ADR 0025): /api/admin/plan-templates for administrators, and the offer to a plan's editors.</summary>
public static class PlanTemplatesGroup
{
    public static IHostApplicationBuilder AddPlanTemplates(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ListPlanTemplates>();
        builder.Services.AddScoped<CreatePlanTemplate>();
        builder.Services.AddScoped<EditPlanTemplate>();
        builder.Services.AddScoped<RetirePlanTemplate>();
        builder.Services.AddScoped<ListTemplatesForPatient>();
        return builder;
    }

    public static WebApplication MapPlanTemplates(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration");
        ListPlanTemplates.Map(admin);
        CreatePlanTemplate.Map(admin);
        EditPlanTemplate.Map(admin);
        RetirePlanTemplate.Map(admin);
        ListTemplatesForPatient.Map(app.MapGroup("/api/patients").WithTags("Plans"));
        return app;
    }
}
