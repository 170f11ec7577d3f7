namespace Varde.Domain.Patients;

/// <summary>
/// A follow-up service asks to take over a person another service follows (issue 18 item 7). Enrolling someone who is
/// followed elsewhere makes one of these instead of telling the enrolling nurse where, or anything about the patient; the
/// service that follows the patient sees who asked and answers with a <see cref="TransferDecision"/>. Append-only.
/// </summary>
public sealed record TransferRequest(Guid Id, Guid PatientId, Guid ToServiceId, Guid MunicipalityId, Guid? GpStaffId,
    string RequestedByActorId, DateTimeOffset At);

public enum TransferAnswer
{
    /// <summary>The patient moves to the asking service, with the municipality and GP it gave.</summary>
    Accepted,

    /// <summary>The patient stays; the asking service is told it was declined, and nothing more.</summary>
    Declined,
}

/// <summary>The answer to one <see cref="TransferRequest"/>, by a nurse, coordinator or leader of the service that follows the patient. Append-only; one per request.</summary>
public sealed record TransferDecision(Guid Id, Guid TransferRequestId, TransferAnswer Answer, string ByActorId, DateTimeOffset At, string? Note)
{
    public const int MaxNoteLength = 500;

    public static Validated<TransferDecision> Record(Guid id, Guid requestId, TransferAnswer answer, string byActorId, string? note, DateTimeOffset at)
    {
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (!Enum.IsDefined(answer))
            return Validated<TransferDecision>.Fail("answer", "Answer accepted or declined.");
        return trimmed is { Length: > MaxNoteLength }
            ? Validated<TransferDecision>.Fail("note", $"The note can be at most {MaxNoteLength} characters.")
            : Validated<TransferDecision>.Ok(new(id, requestId, answer, byActorId, at.ToUniversalTime(), trimmed));
    }
}
