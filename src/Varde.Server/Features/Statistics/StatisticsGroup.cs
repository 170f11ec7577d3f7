using Varde.Server.Auth;

namespace Varde.Server.Features.Statistics;

/// <summary>Statistics for leaders and analysts: aggregates only, small numbers hidden (issue 21, docs/statistics.md).</summary>
public static class StatisticsGroup
{
    public static IHostApplicationBuilder AddStatistics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<GetActivity>();
        builder.Services.AddScoped<ImportPopulation>();
        builder.Services.AddScoped<GetKprEpisodes>();
        builder.Services.AddScoped<ImportServiceUse>();
        builder.Services.AddScoped<GetBenefits>();
        builder.Services.AddScoped<GetWork>();
        builder.Services.AddScoped<SummariseReports>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
            builder.Services.AddHostedService<StatisticsJobs>();
        return builder;
    }

    public static void MapStatistics(this WebApplication app)
    {
        var statistics = app.MapGroup("/api/statistics").WithTags("Statistics").RequireAuthorization(Policies.Statistics);
        GetActivity.Map(statistics);
        GetBenefits.Map(statistics);
        GetWork.Map(statistics);
        var admin = app.MapGroup("/api/admin").WithTags("Administration");
        ImportPopulation.Map(admin);
        ImportServiceUse.Map(app.MapGroup("/api/services").WithTags("Statistics"));
        GetKprEpisodes.Map(app);
    }
}
