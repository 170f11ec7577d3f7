using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Domain.Questionnaires;
using Varde.Server.Features.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Plans;

namespace Varde.Server.Features.Patients;

/// <summary>
/// GET /api/patients/{id}/overview?days=90: everything the clinician's patient view shows in one read (and one
/// access-log entry): the patient and who follows them, every plan version (for the bands and plan-change markers),
/// the measurements and questionnaire answers of the period with their current triage, and the alert history.
/// </summary>
public sealed class GetPatientOverview(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const int DefaultDays = 90;
    public const int MaxDays = 366;

    /// <summary>
    /// A measurement or questionnaire response; <see cref="QuestionnaireVersion"/>: the version of the questionnaire
    /// answered; <see cref="Device"/>: the registered device that measured it ("Omron HEM-7361T"); <see cref="Note"/>: what
    /// the sender said about it.
    /// </summary>
    public sealed record Report(Guid Id, string Kind, MeasurementType? Type, string? QuestionnaireId, IReadOnlyList<decimal> Values,
        IReadOnlyList<QuestionnaireAnswer> Answers, DateTimeOffset EffectiveAt, DateTimeOffset ReceivedAt, TriageDto? Triage, string? QuestionnaireVersion = null,
        string? SentBy = null, string? Device = null, string? Note = null);

    public sealed record AlertEntry(AlertResponse Alert, string? AcknowledgedByName, string? HandledByName);

    public sealed record Response(
        PatientResponse Patient,
        string Municipality,
        string FollowUpService,
        string? GpName,
        DateTimeOffset From,
        DateTimeOffset To,
        IReadOnlyList<PlanVersionResponse> Plans,
        IReadOnlyList<Report> Reports,
        IReadOnlyList<AlertEntry> Alerts);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/overview", (Guid patientId, int? days, ClaimsPrincipal user, GetPatientOverview slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, days, user, ct))
            .WithName(nameof(GetPatientOverview))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid patientId, int? days, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (days is < 1 or > MaxDays)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"Give 1–{MaxDays} days."] });
        var patient = await gate.OpenAsync(user, patientId, "patient.overview.read", ct);
        if (patient is null)
            return PatientProblems.NotFound(patientId);

        var to = clock.GetUtcNow();
        var from = to.AddDays(-(days ?? DefaultDays));
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.Id == patient.MunicipalityId || o.Id == patient.FollowUpServiceId)
            .ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var plans = await db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patientId).OrderBy(v => v.Number).ToListAsync(ct);

        var measurements = await db.Measurements.AsNoTracking()
            .Where(m => m.PatientId == patientId && m.EffectiveAt >= from && m.EffectiveAt <= to).ToListAsync(ct);
        var answers = await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => r.PatientId == patientId && r.EffectiveAt >= from && r.EffectiveAt <= to).ToListAsync(ct);
        var records = await db.TriageRecords.AsNoTracking()
            .Where(r => r.PatientId == patientId && r.EffectiveAt >= from && r.EffectiveAt <= to).ToDictionaryAsync(r => r.ReportId, ct);
        TriageDto? Triage(Guid reportId) => records.TryGetValue(reportId, out var record) ? TriageDto.From(record.Result) : null;
        var relatives = await db.Relatives.AsNoTracking().Where(r => r.PatientId == patientId).ToDictionaryAsync(r => r.Id.ToString(), r => r.Label, ct);
        string? SentBy(string recordedBy) => relatives.GetValueOrDefault(recordedBy);
        var deviceIds = measurements.Select(m => m.DeviceId).OfType<Guid>().Distinct().ToList();
        var devices = await db.MeasuringDevices.AsNoTracking().Where(d => deviceIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => DeviceLabel(d.Manufacturer, d.Model, d.SerialNumber), ct);
        var reports = measurements
            .Select(m => new Report(m.Id, "measurement", m.Type, null, m.SecondValue is { } second ? [m.Value, second] : [m.Value], [],
                m.EffectiveAt, m.ReceivedAt, Triage(m.Id), SentBy: SentBy(m.RecordedBy),
                Device: m.DeviceId is { } device ? devices.GetValueOrDefault(device) : null, Note: m.Note))
            .Concat(answers.Select(r => new Report(r.Id, "questionnaire", null, r.QuestionnaireId, r.Score is { } s ? [s] : [], r.Answers,
                r.EffectiveAt, r.ReceivedAt, Triage(r.Id), r.QuestionnaireVersion, SentBy(r.RecordedBy))))
            .OrderByDescending(r => r.EffectiveAt).ToList();

        var alerts = await db.Alerts.AsNoTracking().Where(a => a.PatientId == patientId).ToListAsync(ct);
        var names = await StaffNames.ForAsync(db, alerts.SelectMany(a => new[] { a.AcknowledgedBy, a.HandledBy }).Append(patient.GpStaffId?.ToString()), ct);

        return TypedResults.Ok(new Response(
            PatientResponse.From(patient, DateOnly.FromDateTime(to.UtcDateTime)),
            organisations.GetValueOrDefault(patient.MunicipalityId, ""),
            organisations.GetValueOrDefault(patient.FollowUpServiceId, ""),
            names.Find(patient.GpStaffId?.ToString()),
            from, to,
            plans.Select(PlanVersionResponse.From).ToList(),
            reports,
            alerts.OrderByDescending(a => a.OpenedAt).Select(a => new AlertEntry(AlertResponse.From(a), names.Of(a.AcknowledgedBy), names.Of(a.HandledBy))).ToList()));
    }

    /// <summary>How staff know a device: manufacturer and model ("Omron HEM-7361T"), else its serial number.</summary>
    public static string DeviceLabel(string? manufacturer, string? model, string? serial)
    {
        var name = string.Join(" ", new[] { manufacturer, model }.Where(s => !string.IsNullOrWhiteSpace(s)));
        return name.Length > 0 ? name : serial ?? "";
    }
}
