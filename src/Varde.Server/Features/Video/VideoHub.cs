using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Video;

namespace Varde.Server.Features.Video;

/// <summary>
/// Signalling for video calls (WebRTC offers, answers and ICE candidates between the browsers, which then send media to
/// each other directly, or through TURN). A connection takes a seat with the ticket its page was given
/// (<see cref="VideoSeats"/>); it waits until the host admits it; then its browser connects to everyone in the call
/// (a mesh: at most five seats). Messages are relayed only between seats admitted to the same call. No media passes
/// through Varde and nothing of it is kept.
/// </summary>
public sealed class VideoHub(VideoSeats seats, VideoRooms rooms, VardeDbContext db, TimeProvider clock) : Hub
{
    public const string Path = "/hubs/video";
    private const int MaxSignalLength = 64 * 1024;

    public sealed record Peer(Guid SeatId, string Role);

    public sealed record Joined(Guid SeatId, string Role, bool Admitted);

    public async Task<Joined> Join(string ticket)
    {
        if (seats.Read(ticket) is not { } held)
            throw new HubException("invalid-ticket");
        var call = await OpenCallAsync(held.CallId) ?? throw new HubException("call-ended");
        var seat = call.Seat(held.SeatId)!;
        var place = new VideoRooms.Place(call.Id, seat.Id);
        if (rooms.Attach(Context.ConnectionId, place) is { } earlier)
            await Clients.Client(earlier).SendAsync("replaced");
        call.Joined(seat, clock.GetUtcNow());
        await db.SaveChangesAsync();
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(call.Id));
        if (seat.IsIn)
            await AnnounceAsync(call, seat);
        await WaitingToHostAsync(call);
        return new(seat.Id, seat.Role.ToString(), seat.IsIn);
    }

    /// <summary>The host lets a waiting seat in.</summary>
    public async Task Admit(Guid seatId)
    {
        var (call, mine) = await MineAsync();
        if (mine.Role != VideoRole.Host || call.Seat(seatId) is not { IsWaiting: true } seat
            || rooms.ConnectionOf(new(call.Id, seatId)) is null)
            return;
        call.Admit(seat, clock.GetUtcNow());
        await db.SaveChangesAsync();
        await AnnounceAsync(call, seat);
        await WaitingToHostAsync(call);
    }

    /// <summary>An offer, answer or candidate for one other seat in the call.</summary>
    public async Task Signal(Guid toSeatId, string data)
    {
        if (rooms.PlaceOf(Context.ConnectionId) is not { } from || data.Length > MaxSignalLength)
            return;
        var to = new VideoRooms.Place(from.CallId, toSeatId);
        if (rooms.IsIn(from) && rooms.IsIn(to) && rooms.ConnectionOf(to) is { } connection)
            await Clients.Client(connection).SendAsync("signal", from.SeatId, data);
    }

    /// <summary>The host ends the call for everyone.</summary>
    public async Task End()
    {
        var (call, mine) = await MineAsync();
        if (mine.Role != VideoRole.Host)
            return;
        call.End(clock.GetUtcNow());
        await db.SaveChangesAsync();
        await Clients.Group(Group(call.Id)).SendAsync("ended");
    }

    public Task Leave() => LeaveAsync();

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await LeaveAsync();
        await base.OnDisconnectedAsync(exception);
    }

    private async Task LeaveAsync()
    {
        if (rooms.Detach(Context.ConnectionId) is not { } place)
            return;
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(place.CallId));
        var call = await OpenCallAsync(place.CallId);
        if (call?.Seat(place.SeatId) is not { } seat)
            return;
        call.Left(seat, clock.GetUtcNow());
        await db.SaveChangesAsync();
        await Clients.Group(Group(call.Id)).SendAsync("peerLeft", seat.Id);
        await WaitingToHostAsync(call);
        if (!call.IsOpen)
            await Clients.Group(Group(call.Id)).SendAsync("ended");
    }

    // To the seat let in: who is in already (it calls each of them); to those in: who came.
    private async Task AnnounceAsync(VideoCall call, VideoSeat seat)
    {
        var place = new VideoRooms.Place(call.Id, seat.Id);
        rooms.Admit(place);
        var others = call.Seats.Where(s => s.Id != seat.Id && rooms.IsIn(new(call.Id, s.Id))).ToList();
        if (rooms.ConnectionOf(place) is { } connection)
            await Clients.Client(connection).SendAsync("admitted", others.Select(s => new Peer(s.Id, s.Role.ToString())).ToList());
        foreach (var other in others)
        {
            if (rooms.ConnectionOf(new(call.Id, other.Id)) is { } theirs)
                await Clients.Client(theirs).SendAsync("peerJoined", new Peer(seat.Id, seat.Role.ToString()));
        }
    }

    private async Task WaitingToHostAsync(VideoCall call)
    {
        var host = call.Seats.Single(s => s.Role == VideoRole.Host);
        if (rooms.ConnectionOf(new(call.Id, host.Id)) is { } connection)
            await Clients.Client(connection).SendAsync("waiting", call.Seats
                .Where(s => s.IsWaiting && rooms.ConnectionOf(new(call.Id, s.Id)) is not null)
                .Select(s => new Peer(s.Id, s.Role.ToString())).ToList());
    }

    private async Task<(VideoCall Call, VideoSeat Seat)> MineAsync()
    {
        var place = rooms.PlaceOf(Context.ConnectionId) ?? throw new HubException("not-joined");
        var call = await OpenCallAsync(place.CallId) ?? throw new HubException("call-ended");
        return (call, call.Seat(place.SeatId)!);
    }

    private Task<VideoCall?> OpenCallAsync(Guid callId) => db.VideoCalls.SingleOrDefaultAsync(c => c.Id == callId && c.EndedAt == null);

    /// <summary>The SignalR group of everyone in a call (and its waiting room).</summary>
    public static string Group(Guid callId) => $"call:{callId}";
}
