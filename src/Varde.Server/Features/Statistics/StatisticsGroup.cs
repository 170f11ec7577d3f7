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
        return builder;
    }

    public static void MapStatistics(this WebApplication app)
    {
        var statistics = app.MapGroup("/api/statistics").WithTags("Statistics").RequireAuthorization(Policies.Statistics);
        GetActivity.Map(statistics);
        ImportPopulation.Map(app.MapGroup("/api/admin").WithTags("Administration"));
        GetKprEpisodes.Map(app);
    }
}
