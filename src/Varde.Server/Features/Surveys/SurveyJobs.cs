using Varde.Server.Infrastructure;
namespace Varde.Server.Features.Surveys;

/// <summary>Asks who is due in the survey rounds under way, every hour, on the jobs' leader.</summary>
public sealed partial class SurveyJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<SurveyJobs> logger) : LeaderJob(scopes, leader, clock)
{
    protected override TimeSpan Interval => TimeSpan.FromHours(1);

    protected override async Task RunOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var invited = await services.GetRequiredService<InviteToSurveys>().RunAsync(ct);
        if (invited > 0)
            LogRun(logger, invited);
    }

    protected override void Failed(Exception e) => LogFailed(logger, e);

    [LoggerMessage(LogLevel.Information, "Surveys: {Invited} asked to answer")]
    private static partial void LogRun(ILogger logger, int invited);

    [LoggerMessage(LogLevel.Error, "Survey invitations failed; they run again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
