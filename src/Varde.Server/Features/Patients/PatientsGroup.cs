using Varde.Server.Features.Measurements;
using Varde.Server.Features.Pathways;
using Varde.Server.Features.Plans;

namespace Varde.Server.Features.Patients;

/// <summary>/api/patients and everything under one patient.</summary>
public static class PatientsGroup
{
    public static IHostApplicationBuilder AddPatientFeatures(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<PatientAccessGate>();
        builder.Services.AddScoped<ListPatients>();
        builder.Services.AddScoped<GetPatient>();
        builder.Services.AddScoped<GetPatientOverview>();
        builder.Services.AddScoped<EnrolPatient>();
        builder.Services.AddScoped<ListTransferRequests>();
        builder.Services.AddScoped<DecideTransferRequest>();
        builder.Services.AddScoped<ChangePatientCare>();
        builder.Services.AddScoped<ChangePatientContact>();
        builder.Services.AddScoped<ListPatientCareChanges>();
        builder.Services.AddScoped<ListAccessHistory>();
        builder.Services.AddScoped<GetPlan>();
        builder.Services.AddScoped<ListPlansAwaitingApproval>();
        builder.Services.AddScoped<RevisePlan>();
        builder.Services.AddScoped<ApprovePlanVersion>();
        builder.Services.AddScoped<ProposeThresholds>();
        builder.Services.AddScoped<PreviewAlertBurden>();
        builder.Services.AddScoped<ReferPatient>();
        builder.Services.AddScoped<ListPathways>();
        builder.Services.AddScoped<GetPathway>();
        builder.Services.AddScoped<TakePathwayStep>();
        builder.Services.AddScoped<RecordMeasurement>();
        builder.Services.AddScoped<GetMeasurementTimeline>();
        builder.Services.AddScoped<GetMeasurement>();
        return builder;
    }

    public static void MapPatientFeatures(this WebApplication app)
    {
        var patients = app.MapGroup("/api/patients").WithTags("Patients");
        ListPatients.Map(patients);
        GetPatient.Map(patients);
        GetPatientOverview.Map(patients);
        EnrolPatient.Map(patients);
        ListTransferRequests.Map(app);
        DecideTransferRequest.Map(app);
        ChangePatientCare.Map(patients);
        ChangePatientContact.Map(patients);
        ListPatientCareChanges.Map(patients);
        ListAccessHistory.Map(patients);
        GetPlan.Map(patients);
        ListPlansAwaitingApproval.Map(patients);
        RevisePlan.Map(patients);
        ApprovePlanVersion.Map(patients);
        ProposeThresholds.Map(patients);
        PreviewAlertBurden.Map(patients);
        GetPathway.Map(patients);
        TakePathwayStep.Map(patients);

        var pathways = app.MapGroup("/api/pathways").WithTags("Pathways");
        ReferPatient.Map(pathways);
        ListPathways.Map(pathways);
        RecordMeasurement.Map(patients);
        GetMeasurementTimeline.Map(patients);
        GetMeasurement.Map(patients);
    }
}
