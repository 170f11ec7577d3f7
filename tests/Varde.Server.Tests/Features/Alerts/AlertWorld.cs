using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Services;
using Varde.Domain.Triage;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Alerts;

/// <summary>A fresh patient of service North with a plan, for one alert test (the app is shared by a test class).</summary>
internal static class AlertWorld
{
    private static int _next = 100;

    public static readonly QuantityThreshold Spo2 = new(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m);
    public static readonly QuantityThreshold Weight = new(MeasuredQuantity.BodyWeight, YellowHigh: 95m, RedHigh: 100m);

    public static readonly PlanRules Rules = new(
        [new ChangeRule(MeasuredQuantity.BodyWeight, 3, YellowRise: 2m, RedRise: 3m)], new ConsecutiveYellowRule(3, 7), [], [], null,
        [new ScheduleItem(MeasurementType.BodyWeight, null, ScheduleItem.EveryDay, new TimeOnly(9, 0), 120)],
        new ZoneInstructions("Fortsett som før.", "Ta ekstra vanndrivende etter planen og kontakt oppfølgingstjenesten i dag.",
            "Ring legevakt 116 117 nå."));

    public static async Task<Guid> PatientAsync(VardeApp app, DateTimeOffset planFrom, Guid? gp = null, PlanRules? rules = null)
    {
        var n = Interlocked.Increment(ref _next);
        string? number = null;
        for (var individual = n * 7; number is null; individual++)
            number = NorwegianIdentityNumber.WithControlDigits($"{1 + (n % 28):D2}{81 + (n % 12)}55{100 + (individual % 400):D3}");
        var id = Guid.NewGuid();
        await using var db = app.Database.NewContext();
        db.Patients.Add(Patient.Enrol(id, number, $"Test Pasient {n}", TestWorld.North, TestWorld.Horten, gp, null, DiagnosisGroup.HeartFailure,
            planFrom.AddDays(-1)).Value);
        db.PlanVersions.Add(TestWorld.Approved(PlanVersion.First(Guid.NewGuid(), id, [Spo2, Weight], TestWorld.NurseNorth.ToString(), planFrom, rules: rules ?? Rules).Value));
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>Makes service North open around the clock (or never), so escalation tests do not depend on when they run.</summary>
    public static async Task OpeningHoursAsync(VardeApp app, bool alwaysOpen, int escalateAfterMinutes = 30)
    {
        await using var db = app.Database.NewContext();
        var existing = await db.ServiceSettings.FindAsync(TestWorld.North);
        if (existing is not null)
            db.ServiceSettings.Remove(existing);
        await db.SaveChangesAsync();
        var periods = alwaysOpen
            ? Enum.GetValues<DayOfWeek>().Select(d => new OpeningPeriod(d, TimeOnly.MinValue, TimeOnly.MaxValue)).ToList()
            : [];
        db.ServiceSettings.Add(ServiceSettings.Create(TestWorld.North, new OpeningHours(periods), escalateAfterMinutes).Value);
        await db.SaveChangesAsync();
    }

    public static object Reading(string type, decimal value, DateTimeOffset at, string? clientId = null, string unit = "%") =>
        new { clientId = clientId ?? Guid.NewGuid().ToString(), type, value, unit, effectiveAt = at };

    public static TriageOutcome Zone(string name) => Enum.Parse<TriageOutcome>(name, ignoreCase: true);
}
