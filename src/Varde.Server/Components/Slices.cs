namespace Varde.Server.Components;

/// <summary>
/// Runs a feature slice from a live (interactive) page in its own DI scope, so each action gets a fresh DbContext
/// for as long as it runs, as an HTTP request would, instead of one context living as long as the browser tab.
/// </summary>
public sealed class Slices(IServiceScopeFactory scopes)
{
    public async Task<TResult> RunAsync<TSlice, TResult>(Func<TSlice, Task<TResult>> work)
        where TSlice : notnull
    {
        await using var scope = scopes.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TSlice>());
    }
}
