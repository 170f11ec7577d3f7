using Varde.Domain.Messages;

namespace Varde.Server.Features.Messages;

/// <summary>
/// One message as both sides see it: who wrote it (the service by name only to staff; to the patient "the follow-up
/// service"), when, whether the other side has read it and when, and for a patient's message whether it is handled
/// (and to staff, the GP it was handed on to).
/// </summary>
public sealed record MessageResponse(
    Guid Id,
    MessageDirection Direction,
    string Text,
    string? Author,
    string? OnBehalfLabel,
    DateTimeOffset SentAt,
    DateTimeOffset? ReadAt,
    MessageHandlingKind? Handled,
    DateTimeOffset? HandledAt,
    Guid? PhotoId = null,
    string? HandedOnTo = null);

/// <summary>
/// A patient's thread, oldest first, with how many from the patient wait to be handled. For the service: quick texts
/// from the plan in force (its instruction for each zone) to start a reply from, and the patient's GP to hand a message on
/// to (null when she has none).
/// </summary>
public sealed record ThreadResponse(Guid PatientId, IReadOnlyList<MessageResponse> Messages, int Waiting, bool CanWrite, IReadOnlyList<QuickText> QuickTexts,
    HandOnTarget? HandOnTo = null);

/// <summary>Whom the service can hand a patient's message on to: the patient's GP.</summary>
public sealed record HandOnTarget(Guid StaffId, string Name);

/// <summary>A text to start a reply from: the plan's instruction for a zone.</summary>
public sealed record QuickText(Varde.Domain.Triage.TriageOutcome Zone, string Text);
