namespace Varde.Server.Generator;

/// <summary>
/// What <c>varde generate</c> makes: a deterministic synthetic population of <see cref="Patients"/> followed for
/// <see cref="Days"/> days up to <see cref="End"/>; the same seed gives the same data. <see cref="ContinuousGlucoseShare"/>
/// of the diabetes patients wear a sensor that reports every 5 minutes (288 readings a day).
/// </summary>
public sealed record GeneratorOptions(int Patients, int Days, int Seed, DateTimeOffset End, double ContinuousGlucoseShare = 0.02)
{
    public const int PatientsPerMunicipality = 500;
    public const int MunicipalitiesPerService = 2;
    public const int PatientsPerNurse = 80;
    public const int PatientsPerGp = 1_000;

    public DateTimeOffset Start => End.AddDays(-Days);
}
