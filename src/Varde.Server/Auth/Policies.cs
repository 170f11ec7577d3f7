using Microsoft.AspNetCore.Authorization;
using Varde.Domain.Access;

namespace Varde.Server.Auth;

/// <summary>Every endpoint names one of these. Which patient a caller may reach is decided per patient by the access gate.</summary>
public static class Policies
{
    public const string ReadPatientData = nameof(ReadPatientData);
    public const string RecordMeasurements = nameof(RecordMeasurements);
    public const string EditPlans = nameof(EditPlans);
    public const string ApprovePlans = nameof(ApprovePlans);

    /// <summary>
    /// Registering referrals and moving pathways: the follow-up service's nurses and coordinators, and the municipality's
    /// allocation office for its decision (the domain decides each step).
    /// </summary>
    public const string RunPathways = nameof(RunPathways);

    /// <summary>Reading a patient's pathway: those who may read patient data, and the allocation office (need to know: the referral and the assessment).</summary>
    public const string ReadPathways = nameof(ReadPathways);
    public const string EnrolPatients = nameof(EnrolPatients);
    public const string SignedInStaff = nameof(SignedInStaff);
    public const string HandleAlerts = nameof(HandleAlerts);
    public const string ServiceFigures = nameof(ServiceFigures);

    /// <summary>Statistics: aggregates with small numbers hidden, never a patient (leaders and administrators).</summary>
    public const string Statistics = nameof(Statistics);

    /// <summary>The KPR file of a municipality's DHO episodes (patient data: identity numbers), for its allocation office.</summary>
    public const string KprExport = nameof(KprExport);

    /// <summary>Registry extracts of the service's patients' service use (matched by identity number: patient data), for its coordinators.</summary>
    public const string ImportServiceUse = nameof(ImportServiceUse);

    /// <summary>A follow-up service's own costs, its cost sharing key and monthly statement, for its leader and coordinators.</summary>
    public const string ServiceCosts = nameof(ServiceCosts);
    /// <summary>The patient herself (her access log, her relatives and their consent).</summary>
    public const string SignedInPatient = nameof(SignedInPatient);

    /// <summary>The patient app's pages and readings: the patient, or a relative whose consent lets them see values and plan.</summary>
    public const string SeePatientApp = nameof(SeePatientApp);

    /// <summary>Sending readings and answers in the patient app: the patient, or a relative whose consent lets them send on her behalf.</summary>
    public const string SendFromPatientApp = nameof(SendFromPatientApp);

    /// <summary>Messages with the follow-up service in the patient app: the patient, or a relative whose consent includes the service's messages.</summary>
    public const string MessagesInPatientApp = nameof(MessagesInPatientApp);

    /// <summary>Opening emergency access to a patient outside one's need-to-know: clinicians.</summary>
    public const string BreakGlass = nameof(BreakGlass);

    /// <summary>Reviewing the emergency accesses to the patients of one's follow-up service: its leader.</summary>
    public const string ReviewBreakGlass = nameof(ReviewBreakGlass);

    /// <summary>Transfers between follow-up services: asked for, seen and answered by the services' nurses, coordinators and leaders.</summary>
    public const string Transfers = nameof(Transfers);

    /// <summary>The FHIR API: staff and gateways as in the JSON API, patients for their own compartment, and backend systems (reads only).</summary>
    public const string FhirRead = nameof(FhirRead);

    public const string FhirWrite = nameof(FhirWrite);

    /// <summary>Organisations, staff and the administrative audit log: administrators only.</summary>
    public const string Administer = nameof(Administer);

    /// <summary>The lent-equipment register: administrators (every service's, without patients) and the service's nurses and coordinators (ADR 0026).</summary>
    public const string SeeEquipment = nameof(SeeEquipment);

    /// <summary>Lending equipment to a patient: the service's nurses and coordinators.</summary>
    public const string LendEquipment = nameof(LendEquipment);

    public static void Add(AuthorizationOptions options)
    {
        // An endpoint that names no policy and is not explicitly anonymous is closed, not open.
        options.FallbackPolicy = new AuthorizationPolicyBuilder(AuthSetup.Scheme).RequireAuthenticatedUser().Build();
        Require(options, ReadPatientData, Role.Nurse, Role.Coordinator, Role.Gp, Role.Specialist);
        Require(options, RecordMeasurements, Role.Nurse, Role.Coordinator, Role.Gp, Role.Specialist, Role.DeviceGateway);
        Require(options, EditPlans, Role.Nurse, Role.Gp, Role.Specialist);
        Require(options, ApprovePlans, Role.Gp);
        Require(options, RunPathways, Role.Nurse, Role.Coordinator, Role.AllocationOffice);
        Require(options, EnrolPatients, Role.Nurse, Role.Coordinator);
        Require(options, HandleAlerts, Role.Nurse, Role.Coordinator);
        Require(options, ServiceFigures, Role.Nurse, Role.Coordinator, Role.Leader);
        Require(options, Statistics, Role.Leader, Role.Administrator);
        Require(options, KprExport, Role.AllocationOffice);
        Require(options, ImportServiceUse, Role.Coordinator);
        Require(options, ServiceCosts, Role.Leader, Role.Coordinator);
        Require(options, SignedInPatient, Role.Patient);
        RequireInPatientApp(options, SeePatientApp, Domain.Relatives.RelativePermissions.SeeValuesAndPlan);
        RequireInPatientApp(options, SendFromPatientApp, Domain.Relatives.RelativePermissions.SendReports);
        RequireInPatientApp(options, MessagesInPatientApp, Domain.Relatives.RelativePermissions.ReceiveMessages);
        Require(options, FhirRead, Role.Nurse, Role.Coordinator, Role.Gp, Role.Specialist, Role.DeviceGateway, Role.Patient, Role.BackendSystem);
        Require(options, FhirWrite, Role.Nurse, Role.Coordinator, Role.Gp, Role.Specialist, Role.DeviceGateway, Role.Patient);
        Require(options, Administer, Role.Administrator);
        Require(options, BreakGlass, Role.Nurse, Role.Coordinator, Role.Gp, Role.Specialist);
        Require(options, ReviewBreakGlass, Role.Leader);
        Require(options, Transfers, Role.Nurse, Role.Coordinator, Role.Leader);
        Require(options, SeeEquipment, Role.Administrator, Role.Nurse, Role.Coordinator);
        Require(options, LendEquipment, Role.Nurse, Role.Coordinator);
        Require(options, SignedInStaff, Role.Nurse, Role.Coordinator, Role.Gp, Role.Specialist, Role.Leader, Role.Administrator, Role.AllocationOffice);
        Require(options, ReadPathways, Role.Nurse, Role.Coordinator, Role.Gp, Role.Specialist, Role.AllocationOffice);
    }

    // The patient may do everything in her app; a relative what the consent in force allows (kept current by PatientAuth).
    private static void RequireInPatientApp(AuthorizationOptions options, string name, Domain.Relatives.RelativePermissions needed) =>
        options.AddPolicy(name, p => p
            .AddAuthenticationSchemes(AuthSetup.Scheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(c => PatientAuth.Permissions(c.User).HasFlag(needed)));

    private static void Require(AuthorizationOptions options, string name, params Role[] roles) =>
        options.AddPolicy(name, p => p
            .AddAuthenticationSchemes(AuthSetup.Scheme)
            .RequireAuthenticatedUser()
            .RequireClaim(VardeClaims.Role, roles.Select(r => r.ToString())));
}
