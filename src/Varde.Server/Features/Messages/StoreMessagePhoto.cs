using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Messages;

namespace Varde.Server.Features.Messages;

/// <summary>
/// Takes a photo to send with a message: checked and re-encoded (<see cref="PhotoReencoding"/>), stored for the
/// patient, and answered with its id for <see cref="SendMessage"/>. The same upload again is the stored photo (found
/// by the hash of what was sent), so a resent message with a photo stores one photo. Whoever may write in the thread
/// may send one.
/// </summary>
public sealed class StoreMessagePhoto(VardeDbContext db, MessageDoor door, TimeProvider clock)
{
    public const string Action = "message.photo.store";

    /// <summary>The answer: the stored photo's id, for the message, and its size after re-encoding.</summary>
    public sealed record Answer(Guid PhotoId, int Width, int Height);

    public abstract record Outcome
    {
        public sealed record Stored(Guid PhotoId, int Width, int Height) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record NotFound : Outcome;
    }

    public async Task<Outcome> HandleAsync(Guid patientId, byte[] upload, Caller caller, CancellationToken ct)
    {
        var opened = await door.OpenAsync(caller, patientId, Action, ct, withTheChange: true);
        if (opened is null || opened.Side is not (MessageSide.Patient or MessageSide.Service))
        {
            if (opened is not null)
                await db.SaveChangesAsync(ct);
            return new Outcome.NotFound();
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(upload));
        if (await db.MessagePhotos.AsNoTracking().Where(p => p.PatientId == patientId && p.Sha256 == hash)
                .Select(p => new { p.Id, p.Width, p.Height }).SingleOrDefaultAsync(ct) is { } known)
        {
            await db.SaveChangesAsync(ct);
            return new Outcome.Stored(known.Id, known.Width, known.Height);
        }

        var result = PhotoReencoding.Reencode(upload);
        if (result is not PhotoReencoding.Result.Photo photo)
        {
            await db.SaveChangesAsync(ct);
            return new Outcome.Refused([new("photo", ((PhotoReencoding.Result.Refused)result).Message)]);
        }

        var now = clock.GetUtcNow();
        var stored = new MessagePhoto(Guid.CreateVersion7(now), patientId, "image/jpeg", photo.Jpeg, photo.Width, photo.Height, hash, caller.ActorId, now);
        db.MessagePhotos.Add(stored);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same photo stored by a concurrent upload: that one is the photo.
            db.ChangeTracker.Clear();
            var same = await db.MessagePhotos.AsNoTracking().Where(p => p.PatientId == patientId && p.Sha256 == hash)
                .Select(p => new { p.Id, p.Width, p.Height }).SingleAsync(ct);
            return new Outcome.Stored(same.Id, same.Width, same.Height);
        }

        return new Outcome.Stored(stored.Id, stored.Width, stored.Height);
    }

    /// <summary>A stored photo for a caller who may read the patient's thread, or null.</summary>
    public async Task<MessagePhoto?> ReadAsync(Guid patientId, Guid photoId, Caller caller, CancellationToken ct)
    {
        var photo = await db.MessagePhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId && p.PatientId == patientId, ct);
        if (photo is null || await door.OpenAsync(caller, patientId, "message.photo.read", ct) is null)
            return null;
        return photo;
    }
}
