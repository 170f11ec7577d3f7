using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Measurements;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>
/// Patients' reports (measurements and questionnaire responses) from a time on, with their triage records, for triage
/// to read: all of them, or only some subjects when the patient's rules cannot cross subjects
/// (<see cref="Domain.Plans.PlanInForce.CrossesSubjects"/>), which keeps a glucose sensor's 288 readings a day from being
/// read again for every reading of another kind, and the other readings from being read for every glucose reading.
/// Read without tracking: a caller that changes a record marks it for update itself.
/// </summary>
public static class PatientReports
{
    /// <summary>
    /// What to read for one patient: reports from <paramref name="From"/> on, of these subjects only (null: all). The
    /// records of reports measured before <paramref name="JudgedFrom"/> (the earliest new report: nothing before it is
    /// judged again) are read as summaries (<see cref="TriageRecord.Summary"/>), without their inputs (JSON) and English
    /// explanation, which are most of what reading a glucose sensor's 800 records a day costs.
    /// </summary>
    public sealed record Window(DateTimeOffset From, IReadOnlySet<string>? Subjects, DateTimeOffset? JudgedFrom = null);

    public static async Task<List<PatientIntake.Stored>> LoadAsync(VardeDbContext db, Guid patientId, Window window, CancellationToken ct) =>
        (await LoadManyAsync(db, new Dictionary<Guid, Window> { [patientId] = window }, ct)).GetValueOrDefault(patientId) ?? [];

    /// <summary>Each patient's reports in its own window, in one query per table.</summary>
    public static async Task<Dictionary<Guid, List<PatientIntake.Stored>>> LoadManyAsync(VardeDbContext db, IReadOnlyDictionary<Guid, Window> windows, CancellationToken ct)
    {
        if (windows.Count == 0)
            return [];
        var ids = windows.Keys.ToList();
        var earliest = windows.Values.Min(w => w.From);
        // One subject filter for the queries when every patient names its subjects; each patient's own window is applied after.
        var subjects = windows.Values.All(w => w.Subjects is not null) ? windows.Values.SelectMany(w => w.Subjects!).Distinct().ToList() : null;
        var types = subjects?.Select(s => MeasurementTypeOf(s)).OfType<MeasurementType>().ToList();
        var questionnaires = subjects?.Where(s => s.StartsWith(QuestionnairePrefix, StringComparison.Ordinal)).Select(s => s[QuestionnairePrefix.Length..]).ToList();
        bool Wanted(Guid patientId, DateTimeOffset effectiveAt, string subject) =>
            effectiveAt >= windows[patientId].From && (windows[patientId].Subjects is not { } own || own.Contains(subject));

        var records = await RecordsAsync(db, windows, ids, earliest, subjects, ct);
        records = records.Where(r => Wanted(r.PatientId, r.EffectiveAt, r.Subject)).ToList();
        if (records.Count == 0)
            return [];

        var measurementQuery = db.Measurements.AsNoTracking().Where(m => ids.Contains(m.PatientId) && m.EffectiveAt >= earliest);
        if (types is not null)
            measurementQuery = measurementQuery.Where(m => types.Contains(m.Type));
        // Only the columns triage reads: not the arrival result's inputs and explanations.
        var measurements = types is { Count: 0 } ? [] : await measurementQuery
            .Select(m => new { m.PatientId, m.Id, m.ClientId, m.EffectiveAt, m.ReceivedAt, m.Type, m.Value, m.SecondValue, m.PatientConfirmed, m.DeviceTime })
            .ToListAsync(ct);
        var responseQuery = db.QuestionnaireResponses.AsNoTracking().Where(q => ids.Contains(q.PatientId) && q.EffectiveAt >= earliest);
        if (questionnaires is not null)
            responseQuery = responseQuery.Where(q => questionnaires.Contains(q.QuestionnaireId));
        var responses = questionnaires is { Count: 0 } ? [] : await responseQuery.ToListAsync(ct);

        var reports = measurements.Where(m => Wanted(m.PatientId, m.EffectiveAt, TriageReport.SubjectOf(m.Type)))
            .Select(m => TriageReport.OfReading(m.Id, m.ClientId, m.EffectiveAt, m.ReceivedAt, m.Type, m.Value, m.SecondValue, m.PatientConfirmed, m.DeviceTime))
            .Concat(responses.Where(r => Wanted(r.PatientId, r.EffectiveAt, TriageReport.SubjectOf(r.QuestionnaireId))).Select(r => r.AsReport()))
            .ToDictionary(r => r.Id);
        return records.Where(r => reports.ContainsKey(r.ReportId)).GroupBy(r => r.PatientId)
            .ToDictionary(g => g.Key, g => g.Select(r => new PatientIntake.Stored(reports[r.ReportId], r)).ToList());
    }

    // Whole records from each patient's JudgedFrom on (they may be judged again and saved), summaries before it.
    private static async Task<List<TriageRecord>> RecordsAsync(VardeDbContext db, IReadOnlyDictionary<Guid, Window> windows, List<Guid> ids,
        DateTimeOffset earliest, List<string>? subjects, CancellationToken ct)
    {
        DateTimeOffset JudgedFrom(Guid patientId) => windows[patientId].JudgedFrom ?? DateTimeOffset.MinValue;
        var wholeFrom = windows.Values.Min(w => w.JudgedFrom ?? DateTimeOffset.MinValue);
        var summariesTo = windows.Values.Max(w => w.JudgedFrom ?? DateTimeOffset.MinValue);
        var all = db.TriageRecords.AsNoTracking().Where(r => ids.Contains(r.PatientId) && r.EffectiveAt >= earliest);
        if (subjects is not null)
            all = all.Where(r => subjects.Contains(r.Subject));

        var whole = await all.Where(r => r.EffectiveAt >= wholeFrom).ToListAsync(ct);
        var summaries = summariesTo <= earliest ? [] : await all.Where(r => r.EffectiveAt < summariesTo)
            .Select(r => TriageRecord.Summary(r.ReportId, r.PatientId, r.ClientId, r.Subject, r.EffectiveAt, r.ReceivedAt, r.Outcome, r.BaseOutcome,
                r.RuleId, r.RuleVersion, r.PlanVersionId, r.PlanVersionNumber, r.ExplanationNb, r.Late, r.UncertainTime, r.AlertId))
            .ToListAsync(ct);
        return [.. summaries.Where(r => r.EffectiveAt < JudgedFrom(r.PatientId)), .. whole.Where(r => r.EffectiveAt >= JudgedFrom(r.PatientId))];
    }

    private const string MeasurementPrefix = "measurement:";
    private const string QuestionnairePrefix = "questionnaire:";

    private static MeasurementType? MeasurementTypeOf(string subject) =>
        subject.StartsWith(MeasurementPrefix, StringComparison.Ordinal) && Enum.TryParse<MeasurementType>(subject[MeasurementPrefix.Length..], out var type) ? type : null;
}
