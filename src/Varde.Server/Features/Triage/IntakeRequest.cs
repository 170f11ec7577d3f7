using Varde.Domain.Access;

namespace Varde.Server.Features.Triage;

/// <summary>
/// The reports of one request (a single POST, a bundle), the caller who sent them, and whether they are stored all or
/// none. Intake may take several requests in one transaction (<see cref="IntakeWriters"/>); each keeps its own caller,
/// its own all-or-nothing and its own answers. <paramref name="AuditedRequest"/> is how the access log names the
/// request (<see cref="Audit.AuditedRequest"/>), taken on the request's own thread: a writer serves many.
/// </summary>
public sealed record IntakeRequest(IReadOnlyList<IncomingReport> Reports, Caller Caller, IntakeMode Mode, string? AuditedRequest = null);
