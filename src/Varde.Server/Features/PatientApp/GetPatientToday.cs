using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Services;
using Varde.Domain.Video;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Plans;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.PatientApp;

/// <summary>
/// The patient app's "I dag": what the plan in force asks for today (by due time), what is done, the measurement
/// types the patient can always send, whether the follow-up service is open now, and a video call with the service:
/// one she can join now, or the next one booked.
/// </summary>
public sealed class GetPatientToday(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, ServiceHours hours)
{
    public sealed record Response(string Name, bool HasPlan, IReadOnlyList<DueToday> Due, IReadOnlyList<MeasurementType> Measurements,
        bool ServiceOpen, DateTimeOffset? ServiceOpensAt, Guid? VideoCallWaiting = null, DateTimeOffset? NextVideoCallAt = null);

    public async Task<Response?> HandleAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var patientId = PatientAuth.PatientId(user);
        var patient = await gate.OpenAsync(user, patientId, "patient-app.today", ct);
        if (patient is null)
            return null;
        var now = clock.GetUtcNow();
        var plan = await CurrentPlanVersion.InForceAsync(db, patientId, ct);
        var dayStart = NorwegianTime.ToInstant(NorwegianTime.Today(now), TimeOnly.MinValue);
        var reported = await db.TriageRecords.AsNoTracking()
            .Where(r => r.PatientId == patientId && r.EffectiveAt >= dayStart)
            .Select(r => new { r.Subject, r.EffectiveAt })
            .ToListAsync(ct);
        var schedule = plan?.Rules.Schedule ?? [];
        var due = TodayPlan.For(schedule, now, reported.Select(r => (r.Subject, r.EffectiveAt)));
        var measured = schedule.Where(s => s.Measurement is not null).Select(s => s.Measurement!.Value)
            .Concat((plan?.Thresholds ?? []).Select(t => MeasurementCatalogue.All.First(d => d.Components.Any(c => c.Quantity == t.Quantity)).Type))
            .Distinct()
            .OrderBy(t => t)
            .ToList();
        var (settings, holidays) = await hours.ForAsync(patient.FollowUpServiceId, ct);
        var open = settings.OpeningHours.IsOpen(now, holidays);
        // A video call the service has opened or booked for her (the patient herself: a relative has no seat).
        var joinableSince = now - VideoCall.JoinableFor;
        var calls = user.IsInRole(nameof(Domain.Access.Role.Patient))
            ? await db.VideoCalls.AsNoTracking().Where(c => c.PatientId == patientId && c.EndedAt == null
                    && (c.BookedFor == null ? c.OpenedAt > joinableSince : c.BookedFor > joinableSince))
                .ToListAsync(ct)
            : [];
        var joinable = calls.Where(c => c.IsJoinable(now)).OrderByDescending(c => c.BookedFor ?? c.OpenedAt).Select(c => (Guid?)c.Id).FirstOrDefault();
        var next = calls.Where(c => c.JoinsFrom > now).Min(c => c.BookedFor);
        return new Response(patient.Name, plan is not null, due, measured.Count > 0 ? measured : MeasurementCatalogue.All.Select(d => d.Type).ToList(),
            open, open ? null : settings.OpeningHours.NextOpening(now, holidays), joinable, next);
    }
}
