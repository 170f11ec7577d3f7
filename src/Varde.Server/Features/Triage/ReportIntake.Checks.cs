using Microsoft.EntityFrameworkCore;
using Varde.Domain.Patients;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>What intake checks against what is stored before it judges: the devices a report names, and resends.</summary>
public sealed partial class ReportIntake
{
    // A report may name only a device registered for its patient's follow-up service.
    private async Task CheckDevicesAsync(IncomingReport[] incoming, IntakeOutcome?[] outcomes, Dictionary<Guid, Patient> patients, CancellationToken ct)
    {
        var deviceIds = incoming.Where((r, i) => outcomes[i] is null).Select(r => r.DeviceId).OfType<Guid>().Distinct().ToList();
        if (deviceIds.Count == 0)
            return;
        var owners = await db.MeasuringDevices.AsNoTracking().Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.OrganisationId, ct);
        for (var i = 0; i < incoming.Length; i++)
        {
            if (outcomes[i] is null && incoming[i].DeviceId is { } device && owners.GetValueOrDefault(device) != patients[incoming[i].PatientId].FollowUpServiceId)
                outcomes[i] = new IntakeOutcome.Refused(Refusal.Invalid,
                    [new("deviceId", $"No device {device} is registered for the patient's follow-up service; register it first (POST /fhir/Device).")]);
        }
    }

    // A report whose client id is stored for its patient is a resend (the same report) or a reused client id (another
    // one); so is one sent twice in the same request. Returns the in-request repeats with the entry they repeat.
    private async Task<List<(int Index, int First)>> FindResendsAsync(Dictionary<Guid, Patient> patients, List<Guid> patientIds, Shaped?[] shaped, IntakeOutcome?[] outcomes, CancellationToken ct)
    {
        var measurementClientIds = shaped.Where(s => s?.Measurement is not null).Select(s => s!.ClientId).Distinct().ToList();
        var responseClientIds = shaped.Where(s => s?.Response is not null).Select(s => s!.ClientId).Distinct().ToList();
        var storedMeasurements = measurementClientIds.Count == 0 ? [] : await PlannedForTheMonthsAsTheyAreAsync(() => db.Measurements.AsNoTracking()
            .Where(m => patientIds.Contains(m.PatientId) && measurementClientIds.Contains(m.ClientId)).ToListAsync(ct), ct);
        var storedResponses = responseClientIds.Count == 0 ? [] : await db.QuestionnaireResponses.AsNoTracking()
            .Where(r => patientIds.Contains(r.PatientId) && responseClientIds.Contains(r.ClientId)).ToListAsync(ct);
        var stored = storedMeasurements.Select(m => new Shaped(m, null)).Concat(storedResponses.Select(r => new Shaped(null, r)))
            .ToDictionary(s => (s.Measurement?.PatientId ?? s.Response!.PatientId, s.IsMeasurement, s.ClientId));
        var records = stored.Count == 0 ? [] : await RecordsAsync([.. stored.Values.Select(s => s.Id)], ct);

        var first = new Dictionary<(Guid, bool, string), int>();
        var repeats = new List<(int, int)>();
        for (var i = 0; i < shaped.Length; i++)
        {
            if (shaped[i] is not { } s || outcomes[i] is not null)
                continue;
            var key = (s.Measurement?.PatientId ?? s.Response!.PatientId, s.IsMeasurement, s.ClientId);
            if (stored.TryGetValue(key, out var earlier))
            {
                outcomes[i] = s.IsSameAs(earlier) ? new IntakeOutcome.Resent(earlier, records.GetValueOrDefault(earlier.Id), patients[key.Item1].FollowUpServiceId) : Reused(s);
            }
            else if (first.TryGetValue(key, out var j))
            {
                if (s.IsSameAs(shaped[j]!))
                    repeats.Add((i, j));
                else
                    outcomes[i] = Reused(s);
                shaped[i] = null;
            }
            else
            {
                first[key] = i;
            }
        }

        return repeats;
    }

    // On PostgreSQL the resend check, which looks in every month, gets a plan of its own each time (a custom plan, sized by
    // each month's pages now). The generic plan PostgreSQL caches for a prepared statement was made while this month's
    // partition was empty and scanned the whole month for every check as it filled (16 ms a bundle group in B1, against
    // 1 ms by its index; docs/benchmarks.md). Only for this statement: for the whole transaction, the foreign-key checks
    // of every COPY'd row were planned again too, which cost more than it saved. Runs inside intake's transaction.
    private async Task<T> PlannedForTheMonthsAsTheyAreAsync<T>(Func<Task<T>> query, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
            return await query();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode = force_custom_plan", ct);
        var result = await query();
        await db.Database.ExecuteSqlRawAsync("SET LOCAL plan_cache_mode TO DEFAULT", ct);
        return result;
    }

    private async Task<Dictionary<Guid, TriageRecord>> RecordsAsync(List<Guid> reportIds, CancellationToken ct) =>
        await db.TriageRecords.AsNoTracking().Where(r => reportIds.Contains(r.ReportId)).ToDictionaryAsync(r => r.ReportId, ct);

    private static IntakeOutcome.Refused Reused(Shaped s) => new(Refusal.ClientIdReused, [new("clientId", s.IsMeasurement
        ? $"Client id '{s.ClientId}' was already used for a different reading of this patient; use a new client id for a new reading."
        : $"Client id '{s.ClientId}' was already used for different answers of this patient; use a new client id.")]);
}
