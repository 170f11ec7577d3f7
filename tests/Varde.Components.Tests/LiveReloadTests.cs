using Varde.Server.Components.Shared;

namespace Varde.Components.Tests;

public sealed class LiveReloadTests
{
    private readonly Queue<TaskCompletionSource> _loads = new();
    private readonly List<IReadOnlySet<Guid>?> _asked = [];
    private int _shown;

    private int Started => _asked.Count;

    private LiveReload NewReload() => new(patients =>
    {
        _asked.Add(patients);
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
            Started.ShouldBe(i + 1);
        }

        _loads.Dequeue().SetResult();
        await first;
        _shown.ShouldBe(6);
        Started.ShouldBe(6);
    }

    [Fact]
    public async Task ManyChangesDuringOneLoad_CauseOneMoreLoad_OfThePatientsTheyName()
    {
        var reload = NewReload();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var running = reload.ChangedAsync(a);
        for (var i = 0; i < 10; i++)
            await reload.ChangedAsync(i % 2 == 0 ? a : b);

        _loads.Dequeue().SetResult();
        _loads.Dequeue().SetResult();
        await running;

        _asked.Count.ShouldBe(2);
        _asked[0].ShouldBe(new HashSet<Guid> { a });
        _asked[1]!.OrderBy(g => g).ShouldBe(new[] { a, b }.OrderBy(g => g));
        _shown.ShouldBe(2);
        _loads.ShouldBeEmpty();
    }

    [Fact]
    public async Task AChangeWithoutAPatient_LoadsEverything()
    {
        var reload = NewReload();
        var running = reload.ChangedAsync(Guid.NewGuid());
        await reload.ChangedAsync(Guid.NewGuid());
        await reload.ChangedAsync();
        await reload.ChangedAsync(Guid.NewGuid());

        _loads.Dequeue().SetResult();
        _loads.Dequeue().SetResult();
        await running;

        _asked.Count.ShouldBe(2);
        _asked[1].ShouldBeNull("one change named no patient: the next load is of everything");
    }

    [Fact]
    public async Task AfterAFailedLoad_TheNextChangeLoadsEverything()
    {
        var reload = NewReload();
        var failing = reload.ChangedAsync(Guid.NewGuid());
        _loads.Dequeue().SetException(new InvalidOperationException("database away"));
        await Should.ThrowAsync<InvalidOperationException>(failing);

        var next = reload.ChangedAsync(Guid.NewGuid());
        Started.ShouldBe(2);
        _asked[1].ShouldBeNull("the failed load's patients are not known to be shown");
        _loads.Dequeue().SetResult();
        await next;
        _shown.ShouldBe(1);
    }
}
