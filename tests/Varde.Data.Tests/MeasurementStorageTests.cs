using Microsoft.EntityFrameworkCore;
using Varde.Domain.Measurements;
using Varde.Domain.Plans;
using Varde.Domain.Triage;
using Varde.Testing;

namespace Varde.Data.Tests;

public sealed class MeasurementStorageTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Save_SameClientIdTwice_IsAUniqueViolation(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var patient = await Seed.PatientAsync(db);
        db.Measurements.Add(Seed.Measurement(patient.Id, "c-1", MeasurementType.Pulse, 70m, "/min", Seed.Now));
        await db.SaveChangesAsync();

        db.Measurements.Add(Seed.Measurement(patient.Id, "c-1", MeasurementType.Pulse, 70m, "/min", Seed.Now));
        var error = await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());

        DbErrors.IsUniqueViolation(error).ShouldBeTrue();
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Save_RoundTripsValuesTimesAndTriageExactly(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid id;
        var at = Seed.Now.ToOffset(TimeSpan.FromHours(1)).AddMinutes(-28).AddMilliseconds(345).AddTicks(6789);
        await using (var db = database.NewContext())
        {
            var patient = await Seed.PatientAsync(db);
            var plan = PlanVersion.First(Guid.NewGuid(), patient.Id, [new QuantityThreshold(MeasuredQuantity.BodyWeight, YellowHigh: 82.3m)], "n", Seed.Now.AddDays(-1)).Value;
            db.PlanVersions.Add(plan);
            var m = Seed.Measurement(patient.Id, "c-1", MeasurementType.BodyWeight, 82.4m, "kg", at, plan);
            id = m.Id;
            db.Measurements.Add(m);
            await db.SaveChangesAsync();
        }

        await using var read = database.NewContext();
        var stored = await read.Measurements.SingleAsync(m => m.Id == id);
        stored.Value.ShouldBe(82.4m);
        stored.EffectiveAt.ShouldBe(at.AddTicks(-9));
        stored.EffectiveAt.Offset.ShouldBe(TimeSpan.Zero);
        stored.TriageOutcome.ShouldBe(TriageOutcome.Yellow);
        stored.TriageInputs.ShouldBe([new TriageInput("bodyWeight", 82.4m, "kg"), new TriageInput("bodyWeight.yellowHigh", 82.3m, "kg")]);
        stored.TriageExplanationNb.ShouldBe("Vekt 82,4 kg er over gul grense 82,3 kg (plan v1).");
        (await read.PlanVersions.SingleAsync()).Thresholds.ShouldBe([new QuantityThreshold(MeasuredQuantity.BodyWeight, YellowHigh: 82.3m)]);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task Timeline_FiltersByTypeAndTimeAndOrdersByEffectiveTime(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var patient = await Seed.PatientAsync(db);
        int[] daysAgo = [3, 1, 5, 2, 4];
        foreach (var d in daysAgo)
            db.Measurements.Add(Seed.Measurement(patient.Id, $"w-{d}", MeasurementType.BodyWeight, 80m + d, "kg", Seed.Now.AddDays(-d)));
        db.Measurements.Add(Seed.Measurement(patient.Id, "p-1", MeasurementType.Pulse, 70m, "/min", Seed.Now.AddDays(-2)));
        await db.SaveChangesAsync();
        var from = Seed.Now.AddDays(-4).ToOffset(TimeSpan.FromHours(2)).ToUniversalTime();

        var rows = await db.Measurements.AsNoTracking()
            .Where(m => m.PatientId == patient.Id && m.Type == MeasurementType.BodyWeight && m.EffectiveAt >= from)
            .OrderByDescending(m => m.EffectiveAt).Select(m => m.Value).ToListAsync();

        rows.ShouldBe([81m, 82m, 83m, 84m]);
    }
}
