namespace Varde.Server.Features.Questionnaires;

/// <summary>The installation's questionnaires (ADR 0025): the catalogue everyone reads, and /api/admin/questionnaires for administrators.</summary>
public static class QuestionnairesGroup
{
    public static IHostApplicationBuilder AddQuestionnaires(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<StoredQuestionnaires>();
        builder.Services.AddScoped<ListManagedQuestionnaires>();
        builder.Services.AddScoped<GetQuestionnaireVersion>();
        builder.Services.AddScoped<ImportQuestionnaire>();
        builder.Services.AddScoped<PublishQuestionnaireVersion>();
        builder.Services.AddScoped<RetireQuestionnaire>();
        return builder;
    }

    public static WebApplication MapQuestionnaires(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration");
        ListManagedQuestionnaires.Map(admin);
        GetQuestionnaireVersion.Map(admin);
        ImportQuestionnaire.Map(admin);
        PublishQuestionnaireVersion.Map(admin);
        RetireQuestionnaire.Map(admin);
        return app;
    }
}
