using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Varde.Data;
using Varde.Data.Identity;
using Varde.Domain.Access;
using Varde.Domain.Devices;
using Varde.Domain.Measurements;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Staff;
using Varde.Server.Auth;
using Varde.Server.Features.Gateways;

namespace Varde.Server.Tests.Infrastructure;

/// <summary>
/// Two follow-up services (North serves Horten and Holmestrand, South serves Skien), a GP, a hospital department and
/// their staff; a gateway registered for North; patients in both services. PatientA has a plan with thresholds.
/// </summary>
public static class TestWorld
{
    public const string Password = "Test-password-1";

    /// <summary>A signed-in staff member as a handler sees them, for calling a slice directly (as the Blazor screens do).</summary>
    public static System.Security.Claims.ClaimsPrincipal Staff(string actorId, Role role, Guid organisationId) =>
        new(Callers.Identity("test", actorId, actorId, role, organisationId));
    public const string GatewayClientId = "test-gateway";
    public const string GatewaySecret = "test-gateway-secret";

    /// <summary>The gateway registered for North (a Varde gateway, ADR 0024).</summary>
    public static readonly Guid GatewayId = Guid.Parse("00000000-0000-0000-0003-000000000001");

    public static readonly Guid Horten = Guid.Parse("00000000-0000-0000-0000-000000000001");
    public static readonly Guid Holmestrand = Guid.Parse("00000000-0000-0000-0000-000000000002");
    public static readonly Guid Skien = Guid.Parse("00000000-0000-0000-0000-000000000003");
    public static readonly Guid North = Guid.Parse("00000000-0000-0000-0000-000000000010");
    public static readonly Guid South = Guid.Parse("00000000-0000-0000-0000-000000000020");
    public static readonly Guid GpOffice = Guid.Parse("00000000-0000-0000-0000-000000000030");
    public static readonly Guid Hospital = Guid.Parse("00000000-0000-0000-0000-000000000040");

    public static readonly Guid NurseNorth = Guid.Parse("00000000-0000-0000-0001-000000000001");
    public static readonly Guid NurseSouth = Guid.Parse("00000000-0000-0000-0001-000000000002");
    public static readonly Guid Gp = Guid.Parse("00000000-0000-0000-0001-000000000003");
    public static readonly Guid Specialist = Guid.Parse("00000000-0000-0000-0001-000000000004");
    public static readonly Guid Leader = Guid.Parse("00000000-0000-0000-0001-000000000005");
    public static readonly Guid CoordinatorNorth = Guid.Parse("00000000-0000-0000-0001-000000000006");

    public static readonly Guid PatientA = Guid.Parse("00000000-0000-0000-0002-000000000001");
    public static readonly Guid PatientB = Guid.Parse("00000000-0000-0000-0002-000000000002");
    public static readonly Guid PatientSouth = Guid.Parse("00000000-0000-0000-0002-000000000003");

    public static readonly QuantityThreshold Spo2 = new(MeasuredQuantity.OxygenSaturation, RedLow: 88m, YellowLow: 92m);
    public static readonly QuantityThreshold Weight = new(MeasuredQuantity.BodyWeight, 70m, 72m, 82m, 84m);

    /// <summary>The version approved by the test GP when it was made (a draft is never in force).</summary>
    public static PlanVersion Approved(PlanVersion version)
    {
        var errors = version.Approve(new Caller(Gp.ToString(), Role.Gp, GpOffice), version.CreatedAt, version.Number);
        return errors.Count == 0 ? version : throw new InvalidOperationException(errors[0].Message);
    }

    public static async Task SeedAsync(IServiceProvider services, DateTimeOffset now)
    {
        var db = services.GetRequiredService<VardeDbContext>();
        var horten = Organisation.Municipality(Horten, "Horten", "3901", null).Value;
        var holmestrand = Organisation.Municipality(Holmestrand, "Holmestrand", "3903", null).Value;
        var skien = Organisation.Municipality(Skien, "Skien", "4003", null).Value;
        db.Organisations.AddRange(horten, holmestrand, skien,
            Organisation.FollowUpService(North, "Nord", [horten, holmestrand], null).Value,
            Organisation.FollowUpService(South, "Sør", [skien], null).Value,
            Organisation.GpOffice(GpOffice, "Legesenteret", null).Value,
            Organisation.HospitalDepartment(Hospital, "Medisinsk avdeling", null).Value);
        db.StaffMembers.AddRange(
            StaffMember.Create(NurseNorth, "Nora Nord", Role.Nurse, North, null).Value,
            StaffMember.Create(NurseSouth, "Siv Sør", Role.Nurse, South, null).Value,
            StaffMember.Create(Gp, "Gunnar Lege", Role.Gp, GpOffice, "1234567").Value,
            StaffMember.Create(Specialist, "Sara Spesialist", Role.Specialist, Hospital, "7654321").Value,
            StaffMember.Create(Leader, "Lise Leder", Role.Leader, North, null).Value,
            StaffMember.Create(CoordinatorNorth, "Kari Koordinator", Role.Coordinator, North, null).Value);
        db.Patients.AddRange(
            Patient.Enrol(PatientA, "13097248022", "Anna Pasient", North, Horten, Gp, Hospital, DiagnosisGroup.Copd, now.AddDays(-30)).Value,
            Patient.Enrol(PatientB, "29029648784", "Bjarne Pasient", North, Holmestrand, null, null, DiagnosisGroup.HeartFailure, now.AddDays(-30)).Value,
            Patient.Enrol(PatientSouth, "53097248016", "Sølvi Sør", South, Skien, null, null, DiagnosisGroup.Diabetes, now.AddDays(-30)).Value);
        db.PlanVersions.Add(Approved(PlanVersion.First(Guid.NewGuid(), PatientA, [Spo2, Weight], NurseNorth.ToString(), now.AddDays(-20)).Value));
        await db.SaveChangesAsync();

        var users = services.GetRequiredService<UserManager<StaffAccount>>();
        foreach (var (id, name) in new[] { (NurseNorth, "nurse.north"), (NurseSouth, "nurse.south"), (Gp, "gp"), (Specialist, "specialist"), (Leader, "leader"), (CoordinatorNorth, "coordinator.north") })
            (await users.CreateAsync(new StaffAccount { Id = id, UserName = name }, Password)).Succeeded.ShouldBeTrue();

        var gateway = DeviceGateway.RegisterWithSecret(GatewayId, GatewayClientId, "Testgateway Nord", North, GatewaySecret, "test", now).Value;
        await GatewayRegistration.AddAsync(db, services.GetRequiredService<IOpenIddictApplicationManager>(), gateway, default);
    }
}
