namespace Varde.Server.Components.Shared;

/// <summary>
/// How an open screen follows the changes it hears: it loads again and shows what it loaded. One load at a time; changes
/// heard during a load cause one more load after it, not one each; and every finished load is shown before the next
/// begins, so on a busy service, where a change arrives during every load, the screen still moves on (B2 found a list
/// that only showed what it loaded once no change had come in meanwhile: under 100 readings a second, never).
/// A change names its patient when it can: the next load is then given the patients changed since the last one, and may
/// load just them; a change without a patient makes it load everything (the load is given null).
/// After a failed load the next one loads everything.
/// Call <see cref="ChangedAsync"/> on the screen's own dispatcher (a component's <c>InvokeAsync</c>): it is not thread-safe.
/// </summary>
public sealed class LiveReload(Func<IReadOnlySet<Guid>?, Task> load, Action show, Action<TimeSpan, TimeSpan>? took = null)
{
    private readonly HashSet<Guid> _patients = [];
    private bool _everything;
    private bool _loading;

    /// <summary>Something changed for <paramref name="patientId"/> (null: anything): load and show now, or once more after the load under way.</summary>
    public async Task ChangedAsync(Guid? patientId = null)
    {
        if (patientId is { } id)
            _patients.Add(id);
        else
            _everything = true;
        if (_loading)
            return;

        _loading = true;
        try
        {
            while (_everything || _patients.Count > 0)
            {
                IReadOnlySet<Guid>? changed = _everything ? null : _patients.ToHashSet();
                _everything = false;
                _patients.Clear();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                try
                {
                    await load(changed);
                }
                catch
                {
                    _everything = true; // what that load missed is not known: the next one loads everything
                    throw;
                }

                var loaded = System.Diagnostics.Stopwatch.GetTimestamp();
                show();
                took?.Invoke(System.Diagnostics.Stopwatch.GetElapsedTime(started, loaded), System.Diagnostics.Stopwatch.GetElapsedTime(loaded));
            }
        }
        finally
        {
            _loading = false;
        }
    }
}
