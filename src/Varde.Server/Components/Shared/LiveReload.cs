namespace Varde.Server.Components.Shared;

/// <summary>
/// How an open screen follows the changes it hears: it loads again and shows what it loaded. One load at a time; changes
/// heard during a load cause one more load after it, not one each; and every finished load is shown before the next
/// begins, so on a busy service, where a change arrives during every load, the screen still moves on (B2 found a list
/// that only showed what it loaded once no change had come in meanwhile: under 100 readings a second, never).
/// Call <see cref="ChangedAsync"/> on the screen's own dispatcher (a component's <c>InvokeAsync</c>): it is not thread-safe.
/// </summary>
public sealed class LiveReload(Func<Task> load, Action show)
{
    private bool _loading;
    private bool _again;

    /// <summary>A change was heard: load and show now, or once more after the load under way.</summary>
    public async Task ChangedAsync()
    {
        if (_loading)
        {
            _again = true;
            return;
        }

        _loading = true;
        try
        {
            do
            {
                _again = false;
                await load();
                show();
            }
            while (_again);
        }
        finally
        {
            _loading = false;
        }
    }
}
