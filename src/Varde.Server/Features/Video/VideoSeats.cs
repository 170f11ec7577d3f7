using System.Security.Claims;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Video;
using Varde.Server.Auth;

namespace Varde.Server.Features.Video;

/// <summary>
/// Who may take which seat: a staff member the seat names (the host, the invited GP), the patient herself in the patient
/// app, the interpreter by her link. The page that opens a seat gets a <b>seat ticket</b> (protected, for this call and
/// seat, valid for <see cref="TicketLife"/>) which the signalling hub takes instead of a sign-in, so the hub needs no
/// knowledge of who may do what: one rule, here.
/// </summary>
public sealed class VideoSeats(VardeDbContext db, IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan TicketLife = TimeSpan.FromHours(3);

    private IDataProtector Protector => protection.CreateProtector("Varde.Video.SeatTicket");

    public sealed record Opened(VideoCall Call, VideoSeat Seat, string Ticket);

    /// <summary>The seat a signed-in staff member or patient has in an open call, or null.</summary>
    public async Task<Opened?> ForUserAsync(Guid callId, ClaimsPrincipal user, CancellationToken ct)
    {
        var call = await db.VideoCalls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, ct);
        if (call is null || !call.IsJoinable(clock.GetUtcNow()))
            return null;
        return SeatOf(call, user) is { } seat ? new(call, seat, TicketFor(call.Id, seat.Id)) : null;
    }

    /// <summary>For a booked call the user has a seat in that cannot be joined yet: from when it can; otherwise null.</summary>
    public async Task<DateTimeOffset?> JoinsLaterAsync(Guid callId, ClaimsPrincipal user, CancellationToken ct)
    {
        var call = await db.VideoCalls.AsNoTracking().SingleOrDefaultAsync(c => c.Id == callId, ct);
        return call is { IsOpen: true } && call.JoinsFrom > clock.GetUtcNow() && SeatOf(call, user) is not null ? call.JoinsFrom : null;
    }

    private static VideoSeat? SeatOf(VideoCall call, ClaimsPrincipal user)
    {
        if (user.IsInRole(nameof(Role.Patient)) && PatientAuth.PatientId(user) == call.PatientId)
            return call.Seats.SingleOrDefault(s => s.Role == VideoRole.Patient);
        if (Guid.TryParse(user.FindFirst(VardeClaims.Subject)?.Value, out var staffId) && !user.IsInRole(nameof(Role.Relative)))
            return call.Seats.FirstOrDefault(s => s.StaffId == staffId);
        return null;
    }

    /// <summary>The interpreter's seat her link opens, or null (unknown link, or the call is over).</summary>
    public async Task<Opened?> ForInterpreterAsync(string token, CancellationToken ct)
    {
        var hash = VideoLinks.Hash(token);
        var call = await db.VideoCalls.AsNoTracking().SingleOrDefaultAsync(c => c.Seats.Any(s => s.TokenHash == hash), ct);
        var seat = call?.Seats.Single(s => s.TokenHash == hash);
        return call is null || !call.IsJoinable(clock.GetUtcNow()) ? null : new(call, seat!, TicketFor(call.Id, seat!.Id));
    }

    /// <summary>The call and seat a ticket is for, if it is genuine and not expired.</summary>
    public (Guid CallId, Guid SeatId)? Read(string? ticket)
    {
        try
        {
            var parts = Protector.Unprotect(ticket ?? "").Split('|');
            if (parts.Length != 3 || DateTimeOffset.FromUnixTimeSeconds(long.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture)) < clock.GetUtcNow())
                return null;
            return (Guid.Parse(parts[0]), Guid.Parse(parts[1]));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or FormatException)
        {
            return null;
        }
    }

    private string TicketFor(Guid callId, Guid seatId) =>
        Protector.Protect($"{callId}|{seatId}|{(clock.GetUtcNow() + TicketLife).ToUnixTimeSeconds()}");
}
