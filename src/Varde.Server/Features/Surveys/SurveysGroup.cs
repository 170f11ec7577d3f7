using Varde.Server.Auth;

namespace Varde.Server.Features.Surveys;

/// <summary>
/// The user survey (issue 21 item 6, docs/statistics.md "User survey"): a service's survey setting, invitations made
/// by a job, answers from the patient app kept without a link to who gave them, and figures under the k ≥ 10 rule.
/// </summary>
public static class SurveysGroup
{
    public static IHostApplicationBuilder AddSurveys(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<SurveyProgrammeSettings>();
        builder.Services.AddScoped<InviteToSurveys>();
        builder.Services.AddScoped<OpenSurveys>();
        builder.Services.AddScoped<AnswerSurvey>();
        builder.Services.AddScoped<GetSurveyFigures>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
            builder.Services.AddHostedService<SurveyJobs>();
        return builder;
    }

    public static void MapSurveys(this WebApplication app)
    {
        SurveyProgrammeSettings.Map(app.MapGroup("/api/services").WithTags("Surveys"));
        var statistics = app.MapGroup("/api/statistics").WithTags("Statistics").RequireAuthorization(Policies.Statistics);
        GetSurveyFigures.Map(statistics);
        GetSurveyFigures.MapCsv(statistics);
        AnswerSurvey.Map(app.MapGroup(PatientAuth.BasePath + "/api").WithTags("Patient app").RequireAuthorization(Policies.SeePatientApp));
    }
}
