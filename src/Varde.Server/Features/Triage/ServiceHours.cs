using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Plans;
using Varde.Domain.Services;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>
/// A follow-up service's settings (or the defaults) and the days it is closed (the public holidays and its own closed
/// days), read from the database, and what they mean for a patient now.
/// </summary>
public sealed class ServiceHours(VardeDbContext db)
{
    public async Task<(ServiceSettings Settings, HashSet<DateOnly> Holidays)> ForAsync(Guid serviceId, CancellationToken ct)
    {
        var settings = await db.ServiceSettings.AsNoTracking().SingleOrDefaultAsync(s => s.ServiceId == serviceId, ct)
            ?? ServiceSettings.Default(serviceId);
        return (settings, settings.ClosedOn(await HolidaysAsync(ct)));
    }

    /// <summary>What the patient is told after a yellow or red report (see <see cref="PatientInstruction"/>); reads the service's hours only then.</summary>
    public async Task<PatientInstruction?> InstructionAsync(TriageResult result, string subject, PlanVersion? plan, Guid serviceId, DateTimeOffset now, CancellationToken ct)
    {
        if (result.Outcome is not (TriageOutcome.Yellow or TriageOutcome.Red))
            return null;
        var (settings, holidays) = await ForAsync(serviceId, ct);
        return PatientInstruction.For(result, subject, plan, settings.OpeningHours, holidays, now);
    }

    /// <summary>
    /// What the patient is told about a report already stored (answering a resend): by its current result and the plan
    /// version that judged it, as of now, so a patient whose first answer was lost still gets the instruction.
    /// </summary>
    public async Task<PatientInstruction?> InstructionAsync(TriageRecord? record, Guid serviceId, DateTimeOffset now, CancellationToken ct)
    {
        if (record is null || record.Outcome is not (TriageOutcome.Yellow or TriageOutcome.Red))
            return null;
        var plan = record.PlanVersionId is { } planId ? await db.PlanVersions.AsNoTracking().SingleOrDefaultAsync(v => v.Id == planId, ct) : null;
        return await InstructionAsync(record.Result, record.Subject, plan, serviceId, now, ct);
    }

    public async Task<HashSet<DateOnly>> HolidaysAsync(CancellationToken ct) =>
        (await db.PublicHolidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct)).ToHashSet();

    /// <summary>Stores the Norwegian public holidays of the years around now, once; a service may add its own closed days.</summary>
    public static async Task EnsureHolidaysAsync(VardeDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var known = (await db.PublicHolidays.Select(h => h.Date).ToListAsync(ct)).ToHashSet();
        var missing = Enumerable.Range(now.Year - 2, 8).SelectMany(NorwegianPublicHolidays.For)
            .GroupBy(h => h.Date).Select(g => (Date: g.Key, Name: string.Join(" og ", g.Select(h => h.Name))))
            .Where(h => !known.Contains(h.Date)).ToList();
        if (missing.Count == 0)
            return;
        db.PublicHolidays.AddRange(missing.Select(h => new PublicHoliday(h.Date, h.Name)));
        await db.SaveChangesAsync(ct);
    }
}
