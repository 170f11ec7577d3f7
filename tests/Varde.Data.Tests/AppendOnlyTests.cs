using Microsoft.EntityFrameworkCore;
using Varde.Domain.Measurements;
using Varde.Testing;

namespace Varde.Data.Tests;

public sealed class AppendOnlyTests
{
    [Theory, ClassData(typeof(BothProviders))]
    public async Task Measurement_ChangedThroughEf_IsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var patient = await Seed.PatientAsync(db);
        var m = Seed.Measurement(patient.Id, "c-1", MeasurementType.Pulse, 70m, "/min", Seed.Now);
        db.Measurements.Add(m);
        await db.SaveChangesAsync();

        db.Measurements.Remove(m);

        (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message.ShouldContain("append-only");
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task AppendOnlyTables_RefuseUpdateAndDeleteInTheDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var patient = await Seed.PatientAsync(db);
        db.Measurements.Add(Seed.Measurement(patient.Id, "c-1", MeasurementType.Pulse, 70m, "/min", Seed.Now));
        await db.SaveChangesAsync();

        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE measurements SET value = 1"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM measurements"));
        (await db.Measurements.CountAsync()).ShouldBe(1);
        (await db.Measurements.SingleAsync()).Value.ShouldBe(70m);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task AdminAudit_RefusesChangeThroughEfAndInTheDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var entry = Varde.Domain.Administration.AdminAuditEntry.Record(Guid.NewGuid(), Seed.Now, "admin", "Tor Vik", "organisation", Guid.NewGuid(),
            "created", null, "{\"name\":\"Horten\"}");
        db.AdminAudit.Add(entry);
        await db.SaveChangesAsync();

        db.AdminAudit.Remove(entry);
        (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message.ShouldContain("append-only");
        db.ChangeTracker.Clear();
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE admin_audit SET action = 'edited'"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM admin_audit"));

        (await db.AdminAudit.SingleAsync()).Action.ShouldBe("created");
    }

    /// <summary>The access log and its hash chain: the migration that made access_log.patient_id nullable rebuilt the table on SQLite, which drops triggers.</summary>
    [Theory, ClassData(typeof(BothProviders))]
    public async Task AccessLogAndAuditSeals_RefuseChangeThroughEfAndInTheDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var entry = Varde.Domain.Access.AccessLogEntry.Create(Guid.NewGuid(), new("nurse", Varde.Domain.Access.Role.Nurse, Guid.NewGuid()), null,
            "policy.denied", Varde.Domain.Access.AccessOutcome.Denied, Seed.Now, null, "GET /api/admin/organisations");
        var seal = Varde.Domain.Access.AuditSeal.Create("access", 1, entry.Id, entry.At, new string('0', 64), Seed.Now);
        db.AccessLog.Add(entry);
        db.AuditSeals.Add(seal);
        await db.SaveChangesAsync();

        db.AuditSeals.Remove(seal);
        (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message.ShouldContain("append-only");
        db.ChangeTracker.Clear();
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE access_log SET action = 'patient.read'"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM access_log"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_seals SET hash = 'x'"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_seals"));

        (await db.AccessLog.SingleAsync()).Action.ShouldBe("policy.denied");
        (await db.AuditSeals.SingleAsync()).Hash.ShouldBe(new string('0', 64));
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task RelativeConsents_RefuseChangeThroughEfAndInTheDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var patient = await Seed.PatientAsync(db);
        var (relative, _) = Varde.Domain.Relatives.Relative.Invite(Guid.NewGuid(), patient.Id, "Kari Nordmann", "datter", "+47 900 00 000", null, null,
            patient.Id.ToString(), Seed.Now).Value;
        var patientCaller = new Varde.Domain.Access.Caller(patient.Id.ToString(), Varde.Domain.Access.Role.Patient, patient.FollowUpServiceId);
        var consent = Varde.Domain.Relatives.RelativeConsent.Decide(Guid.NewGuid(), relative.Id, patient.Id, 1,
            Varde.Domain.Relatives.RelativePermissions.SeeValuesAndPlan, patientCaller, null, Seed.Now).Value;
        db.Relatives.Add(relative);
        db.RelativeConsents.Add(consent);
        await db.SaveChangesAsync();

        db.RelativeConsents.Remove(consent);
        (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message.ShouldContain("append-only");
        db.ChangeTracker.Clear();
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE relative_consents SET permissions = 0"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM relative_consents"));

        (await db.RelativeConsents.SingleAsync()).Permissions.ShouldBe(Varde.Domain.Relatives.RelativePermissions.SeeValuesAndPlan);

        // Two decisions with the same number (made at once) cannot both be stored.
        db.RelativeConsents.Add(consent with { Id = Guid.NewGuid(), Permissions = Varde.Domain.Relatives.RelativePermissions.None });
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task BreakGlass_UsesAndReviews_RefuseChangeThroughEfAndInTheDatabase(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var patient = await Seed.PatientAsync(db);
        var gp = new Varde.Domain.Access.Caller(Guid.NewGuid().ToString(), Varde.Domain.Access.Role.Gp, Guid.NewGuid());
        var use = Varde.Domain.Access.BreakGlassAccess.Open(Guid.NewGuid(), patient.Id, gp, "Vikar for fastlegen, legevakt", Seed.Now).Value;
        db.BreakGlassAccesses.Add(use);
        await db.SaveChangesAsync();
        db.BreakGlassReviews.Add(Varde.Domain.Access.BreakGlassReview.Record(Guid.NewGuid(), use.Id, "leader", "Begrunnet", Seed.Now).Value);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        db.BreakGlassAccesses.Remove(use);
        (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message.ShouldContain("append-only");
        db.ChangeTracker.Clear();
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE break_glass_accesses SET reason = 'nothing to see'"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM break_glass_reviews"));

        (await db.BreakGlassAccesses.SingleAsync()).Reason.ShouldBe("Vikar for fastlegen, legevakt");
        (await db.BreakGlassReviews.CountAsync()).ShouldBe(1);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task TransferRequestsAndDecisions_RefuseChange_AndARequestHasOneAnswer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var patient = await Seed.PatientAsync(db);
        var request = new Varde.Domain.Patients.TransferRequest(Guid.NewGuid(), patient.Id, patient.FollowUpServiceId, patient.MunicipalityId, null, "nurse", Seed.Now);
        db.TransferRequests.Add(request);
        await db.SaveChangesAsync();
        var accepted = Varde.Domain.Patients.TransferDecision.Record(Guid.NewGuid(), request.Id, Varde.Domain.Patients.TransferAnswer.Accepted, "other", null, Seed.Now).Value;
        db.TransferDecisions.Add(accepted);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        db.TransferDecisions.Remove(accepted);
        (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message.ShouldContain("append-only");
        db.ChangeTracker.Clear();
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE transfer_decisions SET answer = 'Declined'"));
        await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM transfer_requests"));

        // Two answers given at once cannot both be stored.
        db.TransferDecisions.Add(accepted with { Id = Guid.NewGuid(), Answer = Varde.Domain.Patients.TransferAnswer.Declined });
        await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();
        (await db.TransferDecisions.SingleAsync()).Answer.ShouldBe(Varde.Domain.Patients.TransferAnswer.Accepted);
    }

    [Theory, ClassData(typeof(BothProviders))]
    public async Task ASave_LooksForChangesOnce_GuardIncluded(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var patient = await Seed.PatientAsync(db);
        var looks = 0;
        db.ChangeTracker.DetectingAllChanges += (_, _) => looks++;

        db.Measurements.Add(Seed.Measurement(patient.Id, "c-1", MeasurementType.Pulse, 70m, "/min", Seed.Now));
        await db.SaveChangesAsync();

        // Looking for changes walks every tracked entity: the guard's look is the save's look, not a second one.
        looks.ShouldBe(1);
        db.ChangeTracker.AutoDetectChangesEnabled.ShouldBeTrue("restored after the save");
    }
}
