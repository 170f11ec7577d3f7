using Varde.Domain.Measurements;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Plans;

namespace Varde.Data.Tests;

/// <summary>The smallest world a data test needs: a service, a municipality and one patient.</summary>
internal static class Seed
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);

    public static async Task<Patient> PatientAsync(VardeDbContext db)
    {
        var municipality = Organisation.Municipality(Guid.NewGuid(), "Horten", $"{Random.Shared.Next(1000, 9999)}", null).Value;
        var service = Organisation.FollowUpService(Guid.NewGuid(), "Tjenesten", [municipality], null).Value;
        var patient = Patient.Enrol(Guid.NewGuid(), "13097248022", "Ola Nordmann", service.Id, municipality.Id, null, null,
            DiagnosisGroup.Copd | DiagnosisGroup.HeartFailure, Now).Value;
        db.Organisations.AddRange(municipality, service);
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient;
    }

    public static Measurement Measurement(Guid patientId, string clientId, MeasurementType type, decimal value, string unit,
        DateTimeOffset at, PlanVersion? plan = null) =>
        Domain.Measurements.Measurement.Record(Guid.CreateVersion7(), patientId,
            new MeasurementInput(clientId, type, value, null, null, unit, at), plan, "test", Now).Value;
}
