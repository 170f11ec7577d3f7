using Varde.Server.Features.Questionnaires;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Alerts;

/// <summary>Triage intake, alerts, the worklist, questionnaires and the alert jobs.</summary>
public static class AlertsGroup
{
    public static IHostApplicationBuilder AddAlertFeatures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<PatientLocks>();
        builder.Services.AddScoped<ReportIntake>();
        builder.Services.AddSingleton<IntakeWriters>();
        builder.Services.AddScoped<ServiceHours>();
        builder.Services.AddScoped<AlertAccess>();
        builder.Services.AddScoped<GetWorklist>();
        builder.Services.AddScoped<GetAlert>();
        builder.Services.AddScoped<AcknowledgeAlert>();
        builder.Services.AddScoped<HandleAlert>();
        builder.Services.AddScoped<ReviewReports>();
        builder.Services.AddScoped<GetPatientAlerts>();
        builder.Services.AddScoped<GetAlertBurden>();
        builder.Services.AddScoped<GetServiceCapacity>();
        builder.Services.AddScoped<GetPatientAlertBurden>();
        builder.Services.AddScoped<RecordQuestionnaireResponse>();
        builder.Services.AddScoped<MissingReportsJob>();
        builder.Services.AddScoped<EscalationJob>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
            builder.Services.AddHostedService<AlertJobs>();
        return builder;
    }

    public static void MapAlertFeatures(this WebApplication app)
    {
        var alerts = app.MapGroup("/api/alerts").WithTags("Alerts");
        GetAlert.Map(alerts);
        AcknowledgeAlert.Map(alerts);
        HandleAlert.Map(alerts);
        var services = app.MapGroup("/api/services").WithTags("Services");
        GetWorklist.Map(services);
        ReviewReports.Map(services);
        GetAlertBurden.Map(services);
        GetServiceCapacity.Map(services);
        var patients = app.MapGroup("/api/patients").WithTags("Patients");
        GetPatientAlerts.Map(patients);
        GetPatientAlertBurden.Map(patients);
        RecordQuestionnaireResponse.Map(patients);
        ListQuestionnaires.Map(app);
    }
}
