using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Varde.Data;
using Varde.Data.Identity;
using Varde.Domain.Access;
using Varde.Domain.Devices;
using Varde.Domain.Measurements;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Staff;
using Varde.Server.Features.Alerts;
using Varde.Server.Features.Gateways;
using Varde.Server.Features.Plans;

namespace Varde.Server.Demo;

/// <summary>
/// Seeds the demo once (a second start finds it and leaves it alone): organisations, staff logins, a device gateway,
/// the lent-equipment register, 40 patients with plans and 60 days of measurements and answers, triaged and routed into alerts by the real
/// domain code; alerts up to a day ago are handled and older greens reviewed, so the worklist looks like a real morning.
/// Everything is relative to the <see cref="TimeProvider"/>'s now, through <see cref="DemoTime.AsOf"/>.
/// </summary>
public sealed class DemoData(VardeDbContext db, UserManager<StaffAccount> users, IOpenIddictApplicationManager applications, TimeProvider clock,
    MissingReportsJob missingReports)
{
    public async Task<bool> SeedAsync(CancellationToken ct)
    {
        var organisations = DemoOrganisations.Build();
        if (await db.Organisations.AnyAsync(o => o.Id == organisations["service"].Id, ct))
            return false;

        db.Organisations.AddRange(organisations.Values);
        await db.SaveChangesAsync(ct);
        await SeedStaffAsync(organisations, ct);
        await SeedGatewayAsync(organisations["service"].Id, ct);
        await SeedPatientsAsync(organisations, ct);
        db.AddRange(DemoCosts.Build(organisations["service"].Id, clock.GetUtcNow()));
        db.DutyShifts.AddRange(DemoDuty.Build(organisations["service"].Id, clock.GetUtcNow()));
        await DemoSurveys.SeedAsync(db, organisations["service"].Id, clock.GetUtcNow(), ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// Issues a fresh enrolment code for the demo patient's lent tablet at every start (codes are single-use), and
    /// revokes earlier codes that were never used.
    /// </summary>
    public async Task<DemoSetup.DemoTabletCode> IssueTabletCodeAsync(CancellationToken ct)
    {
        var demoPatient = DemoPopulation.All[DemoPopulation.TabletPatientIndex];
        var now = clock.GetUtcNow();
        var coordinator = DemoIds.For("koordinator").ToString();
        foreach (var unused in await db.PatientDevices.Where(d => d.PatientId == demoPatient.Id && d.EnrolledAt == null && d.RevokedAt == null).ToListAsync(ct))
            unused.Revoke(coordinator, now);
        var (device, code) = PatientDevice.Issue(Guid.CreateVersion7(now), demoPatient.Id, "Demo-nettbrett", coordinator, now).Value;
        db.PatientDevices.Add(device);
        await db.SaveChangesAsync(ct);
        return new(demoPatient.Name, code);
    }

    /// <summary>
    /// The demo patient's daughter, invited by the patient with consent to see and send (once), and a fresh one-time sign-in
    /// code for her at every start (codes are single-use).
    /// </summary>
    public async Task<DemoSetup.DemoRelativeCode> IssueRelativeCodeAsync(CancellationToken ct)
    {
        var demoPatient = DemoPopulation.All[DemoPopulation.TabletPatientIndex];
        var now = clock.GetUtcNow();
        var id = DemoIds.For("relative-daughter");
        var relative = await db.Relatives.SingleOrDefaultAsync(r => r.Id == id, ct);
        string code;
        if (relative is null)
        {
            (relative, code) = Domain.Relatives.Relative.Invite(id, demoPatient.Id, $"Ingrid {demoPatient.Name.Split(' ')[^1]}", "datter", "+47 900 12 345",
                null, null, demoPatient.Id.ToString(), now).Value;
            var patient = new Domain.Access.Caller(demoPatient.Id.ToString(), Domain.Access.Role.Patient, Guid.Empty);
            db.Relatives.Add(relative);
            db.RelativeConsents.Add(Domain.Relatives.RelativeConsent.Decide(Guid.CreateVersion7(now), id, demoPatient.Id, 1,
                Domain.Relatives.RelativePermissions.SeeValuesAndPlan | Domain.Relatives.RelativePermissions.SendReports, patient, null, now).Value);
        }
        else
        {
            code = relative.NewCode(now);
        }

        await db.SaveChangesAsync(ct);
        return new(relative.Name, demoPatient.Name, code);
    }

    private async Task SeedStaffAsync(IReadOnlyDictionary<string, Domain.Organisations.Organisation> organisations, CancellationToken ct)
    {
        db.StaffMembers.AddRange(DemoLogins.All.Select(login => StaffMember.Create(DemoIds.For(login.UserName), login.Name, login.Role,
            organisations[login.OrganisationKey].Id, login.Hpr).Value));
        await db.SaveChangesAsync(ct);
        foreach (var login in DemoLogins.All)
        {
            var created = await users.CreateAsync(new StaffAccount { Id = DemoIds.For(login.UserName), UserName = login.UserName }, DemoLogins.Password);
            if (!created.Succeeded)
                throw new InvalidOperationException("Could not create demo login: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
    }

    // The demo gateway is a Varde gateway (ADR 0024) with its published secret; the administrator can rotate or revoke it.
    private async Task SeedGatewayAsync(Guid serviceId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var gateway = DeviceGateway.RegisterWithSecret(DemoIds.For("demo-gateway"), DemoLogins.GatewayClientId, "Demo device gateway", serviceId,
            DemoLogins.GatewayClientSecret, "demo", now).Value;
        await GatewayRegistration.AddAsync(db, applications, gateway, ct);
    }

    // What the demo gateway "sent" (the demo's readings are recorded by it), as the activity counts would have stored it.
    private async Task SeedGatewayActivityAsync(DateTimeOffset now, CancellationToken ct)
    {
        var since = now - GatewayActivityFlush.KeptFor;
        var received = await db.Measurements.AsNoTracking().Where(m => m.RecordedBy == DemoLogins.GatewayClientId && m.ReceivedAt >= since)
            .Select(m => m.ReceivedAt).ToListAsync(ct);
        db.GatewayActivity.AddRange(received.GroupBy(GatewayActivity.HourStart).Select(h => new GatewayActivityHour
        {
            ClientId = DemoLogins.GatewayClientId, Hour = h.Key, Received = h.Count(), LastReceivedAt = h.Max(),
        }));
    }

    private async Task SeedPatientsAsync(IReadOnlyDictionary<string, Domain.Organisations.Organisation> organisations, CancellationToken ct)
    {
        // The history is built up to the end of the latest demo morning, so its rows do not depend on the time of day.
        var now = DemoTime.AsOf(clock.GetUtcNow());
        var nurse = DemoIds.For("sykepleier1").ToString();
        var start = now.AddDays(-DemoMeasurements.Days - 1);
        var questionnaires = await Features.Questionnaires.StoredQuestionnaires.ReadAsync(db, ct);
        foreach (var p in DemoPopulation.All)
        {
            var enrolled = DemoPathways.InTrial(p.Index) ? start : start.AddDays(-30);
            var patient = Patient.Enrol(p.Id, p.IdentityNumber, p.Name, organisations["service"].Id, organisations[p.MunicipalityKey].Id,
                DemoIds.For(p.GpKey), p.SharedWithHospital ? organisations["hospital"].Id : null, p.Diagnoses, enrolled, p.Contact).Value;
            db.Patients.Add(patient);
            db.Pathways.Add(DemoPathways.ForFollowed(p, start, now));
            var baseline = DemoBaseline.For(p.Index);
            var plans = DemoPlanVersions(p, baseline, nurse, start, now);
            db.PlanVersions.AddRange(plans);
            DemoTriage.Seed(db, patient, plans, DemoMeasurements.For(p, baseline, now), DemoAnswers.For(p, now), nurse, now, questionnaires);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await SeedTrialDraftAsync(DemoPopulation.All[DemoPathways.TrialWithDraftIndex], now, ct);
        foreach (var (p, (_, state)) in DemoPopulation.Referred.Zip(DemoPathways.Referrals))
        {
            db.Patients.Add(Patient.Enrol(p.Id, p.IdentityNumber, p.Name, organisations["service"].Id, organisations[p.MunicipalityKey].Id,
                DemoIds.For(p.GpKey), null, p.Diagnoses, now.AddDays(-6), p.Contact).Value);
            db.Pathways.Add(DemoPathways.ForReferral(p, state, now));
        }

        DemoMessages.Seed(db, organisations["service"].Id, now);
        await db.SaveChangesAsync(ct);
        db.LentEquipment.AddRange(DemoEquipment.Build(await db.Pathways.AsNoTracking().ToListAsync(ct), organisations["service"].Id, now));
        await SeedGatewayActivityAsync(now, ct);
        await db.SaveChangesAsync(ct);

        await missingReports.RunAsync(ct);
    }

    // The nurse's first plan for a patient in the trial period, with thresholds proposed from the trial, waiting for the GP.
    private async Task SeedTrialDraftAsync(DemoPopulation.DemoPatient p, DateTimeOffset now, CancellationToken ct)
    {
        var trialStart = (await db.Pathways.AsNoTracking().SingleAsync(x => x.PatientId == p.Id, ct)).TrialStartedAt!.Value;
        var readings = await db.Measurements.AsNoTracking().Where(m => m.PatientId == p.Id && m.EffectiveAt >= trialStart).ToListAsync(ct);
        var thresholds = ProposeThresholds.From(readings).Where(x => x.Threshold is not null).Select(x => x.Threshold!).ToList();
        var draft = PlanVersion.First(DemoIds.For($"plan-{p.Index}-1"), p.Id, thresholds, DemoIds.For("sykepleier1").ToString(), now.AddHours(-3),
            "Første plan: terskler foreslått fra utprøvingen", DemoRules.For(p.Diagnoses)).Value;
        db.PlanVersions.Add(draft);
        await db.SaveChangesAsync(ct);
    }

    // Most patients have had a plan since enrolment; every sixth had it revised after a GP talk; a few are still in the trial period.
    private static List<PlanVersion> DemoPlanVersions(DemoPopulation.DemoPatient p, DemoBaseline b, string nurse, DateTimeOffset start, DateTimeOffset now)
    {
        if (p.Index % 13 == 12)
            return [];
        var thresholds = DemoPlans.For(p.Diagnoses, b);
        var gp = new Caller(DemoIds.For(p.GpKey).ToString(), Role.Gp, Guid.Empty);
        var first = PlanVersion.First(DemoIds.For($"plan-{p.Index}-1"), p.Id, thresholds, nurse, start, "Første plan etter utprøvingsperioden",
            DemoRules.For(p.Diagnoses)).Value;
        first.Approve(gp, start, first.Number);
        if (p.Index % 6 != 2)
            return [first];
        var revised = thresholds.Select(t => t.Quantity == MeasuredQuantity.OxygenSaturation ? t with { RedLow = t.RedLow - 1 } : t).ToList();
        var second = first.Revise(DemoIds.For($"plan-{p.Index}-2"), revised, gp.ActorId, now.AddDays(-20), "Justert etter samtale med fastlege").Value;
        second.Approve(gp, second.CreatedAt, second.Number);
        return [first, second];
    }
}
