using Varde.Server.Infrastructure;
namespace Varde.Server.Features.Surveys;

/// <summary>Asks who is due in the survey rounds under way, every hour (on the app's <see cref="TimeProvider"/>). Off with <c>Jobs:Enabled=false</c>.</summary>
public sealed partial class SurveyJobs(IServiceScopeFactory scopes, JobLeader leader, TimeProvider clock, ILogger<SurveyJobs> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                // Once in a cluster: only the node that holds the jobs' lock runs them (ADR 0052).
                if (!await leader.IsLeaderAsync(stoppingToken))
                    continue;
                await using var scope = scopes.CreateAsyncScope();
                var invited = await scope.ServiceProvider.GetRequiredService<InviteToSurveys>().RunAsync(stoppingToken);
                if (invited > 0)
                    LogRun(logger, invited);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(LogLevel.Information, "Surveys: {Invited} asked to answer")]
    private static partial void LogRun(ILogger logger, int invited);

    [LoggerMessage(LogLevel.Error, "Survey invitations failed; they run again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception e);
}
