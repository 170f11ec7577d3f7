using System.Collections.Concurrent;

namespace Varde.Server.Features.Video;

/// <summary>
/// Which connection holds which seat, and who is in (admitted), for the calls going on in this process. Signalling is
/// relayed only between seats admitted to the same call. One node: a call's connections must reach the same server
/// (several nodes would need a SignalR backplane; ADR 0041).
/// </summary>
public sealed class VideoRooms
{
    private readonly ConcurrentDictionary<string, Place> _byConnection = new();
    private readonly ConcurrentDictionary<Place, string> _bySeat = new();
    private readonly ConcurrentDictionary<Place, bool> _admitted = new();

    public readonly record struct Place(Guid CallId, Guid SeatId);

    /// <summary>The seat is now this connection's; returns the connection that held it before (another tab, a dropped link).</summary>
    public string? Attach(string connectionId, Place place)
    {
        string? before = null;
        _bySeat.AddOrUpdate(place, connectionId, (_, old) => { before = old; return connectionId; });
        if (before is not null)
            _byConnection.TryRemove(before, out _);
        _byConnection[connectionId] = place;
        return before == connectionId ? null : before;
    }

    public Place? PlaceOf(string connectionId) => _byConnection.TryGetValue(connectionId, out var place) ? place : null;

    public string? ConnectionOf(Place place) => _bySeat.TryGetValue(place, out var connection) ? connection : null;

    public void Admit(Place place) => _admitted[place] = true;

    public bool IsIn(Place place) => _admitted.ContainsKey(place) && _bySeat.ContainsKey(place);

    /// <summary>The connection is gone; returns its place if it still held one.</summary>
    public Place? Detach(string connectionId)
    {
        if (!_byConnection.TryRemove(connectionId, out var place))
            return null;
        if (_bySeat.TryGetValue(place, out var holder) && holder == connectionId)
        {
            _bySeat.TryRemove(place, out _);
            _admitted.TryRemove(place, out _);
        }

        return place;
    }
}
