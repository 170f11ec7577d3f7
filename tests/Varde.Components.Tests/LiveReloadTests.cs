using Varde.Server.Components.Shared;

namespace Varde.Components.Tests;

public sealed class LiveReloadTests
{
    private readonly Queue<TaskCompletionSource> _loads = new();
    private int _started;
    private int _shown;

    private LiveReload NewReload() => new(() =>
    {
        _started++;
        var load = new TaskCompletionSource();
        _loads.Enqueue(load);
        return load.Task;
    }, () => _shown++);

    [Fact]
    public async Task ChangesDuringEveryLoad_EachFinishedLoadIsShown_BeforeTheNextBegins()
    {
        var reload = NewReload();
        var first = reload.ChangedAsync();

        for (var i = 1; i <= 5; i++)
        {
            await reload.ChangedAsync(); // heard while loading: returns at once
            _loads.Dequeue().SetResult(); // the load under way finishes (its continuation runs here)
            _shown.ShouldBe(i, "what the load found is on screen though another change came in during it");
            _started.ShouldBe(i + 1);
        }

        _loads.Dequeue().SetResult();
        await first;
        _shown.ShouldBe(6);
        _started.ShouldBe(6);
    }

    [Fact]
    public async Task ManyChangesDuringOneLoad_CauseOneMoreLoad()
    {
        var reload = NewReload();
        var running = reload.ChangedAsync();
        for (var i = 0; i < 10; i++)
            await reload.ChangedAsync();

        _loads.Dequeue().SetResult();
        _loads.Dequeue().SetResult();
        await running;

        _started.ShouldBe(2);
        _shown.ShouldBe(2);
        _loads.ShouldBeEmpty();
    }

    [Fact]
    public async Task AfterAFailedLoad_TheNextChangeLoadsAgain()
    {
        var reload = NewReload();
        var failing = reload.ChangedAsync();
        _loads.Dequeue().SetException(new InvalidOperationException("database away"));
        await Should.ThrowAsync<InvalidOperationException>(failing);

        var next = reload.ChangedAsync();
        _started.ShouldBe(2);
        _loads.Dequeue().SetResult();
        await next;
        _shown.ShouldBe(1);
    }
}
