namespace Varde.Server.Features.Live;

/// <summary>A stored change the open screens of a follow-up service should show: an alert changed, a report arrived, reports were reviewed.</summary>
public sealed record LiveChange(Guid EventId, string Type, Guid ServiceId, Guid? PatientId, Guid? AlertId, DateTimeOffset OccurredAt);
