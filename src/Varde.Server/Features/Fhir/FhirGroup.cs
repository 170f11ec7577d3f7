using Hl7.Fhir.Model;
using Varde.Server.Auth;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// The FHIR R4 API under /fhir (docs/fhir.md). Each interaction is a slice that maps FHIR to the same handlers the
/// JSON API uses. Anything else under /fhir answers with an OperationOutcome: 405 for a type Varde serves but not
/// with that interaction, 404 for a type it does not serve.
/// </summary>
public static class FhirGroup
{
    public static readonly string[] ServedTypes = ["Observation", "Patient", "Questionnaire", "QuestionnaireResponse", "DetectedIssue", "Device", "Communication", "CarePlan", "Goal", "Subscription", "Composition"];

    public static IHostApplicationBuilder AddFhir(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<FhirSubjects>();
        builder.Services.AddScoped<CreateObservation>();
        builder.Services.AddScoped<ReadObservation>();
        builder.Services.AddScoped<SearchObservations>();
        builder.Services.AddScoped<PatientResources>();
        builder.Services.AddScoped<QuestionnaireResources>();
        builder.Services.AddScoped<QuestionnaireResponseResources>();
        builder.Services.AddScoped<DetectedIssueResources>();
        builder.Services.AddScoped<CarePlanResources>();
        builder.Services.AddScoped<CommunicationResources>();
        builder.Services.AddScoped<DeviceResources>();
        builder.Services.AddScoped<ProcessBundle>();
        builder.Services.AddScoped<FhirIntake>();
        builder.Services.AddScoped<BulkExportEndpoints>();
        builder.Services.AddScoped<BulkExportJob>();
        builder.Services.AddScoped<SubscriptionResources>();
        builder.Services.AddScoped<CompositionResources>();
        builder.Services.AddScoped<SubscriptionMatcher>();
        builder.Services.AddScoped<SubscriptionDelivery>();
        builder.Services.AddHttpClient(SubscriptionDelivery.HttpClientName, c => c.Timeout = Varde.Domain.Subscriptions.FhirSubscription.MaxTimeout + TimeSpan.FromSeconds(5));
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
        {
            builder.Services.AddHostedService<BulkExportJobs>();
            builder.Services.AddHostedService<SubscriptionJobs>();
        }
        return builder;
    }

    public static void MapFhir(this WebApplication app)
    {
        var fhir = app.MapGroup("/fhir").WithTags("FHIR").RequireJsonAnswers();
        fhir.MapGet("/metadata", (HttpRequest request, TimeProvider clock) => new FhirResult(Capability.Statement(FhirPaths.Base(request), clock.GetUtcNow())))
            .WithName("FhirMetadata")
            .AllowAnonymous();
        SmartConfiguration.Map(app, fhir);
        CreateObservation.Map(fhir);
        ReadObservation.Map(fhir);
        SearchObservations.Map(fhir);
        PatientResources.Map(fhir);
        QuestionnaireResources.Map(fhir);
        ProcessBundle.Map(fhir);
        QuestionnaireResponseResources.Map(fhir);
        DetectedIssueResources.Map(fhir);
        CarePlanResources.Map(fhir);
        CommunicationResources.Map(fhir);
        DeviceResources.Map(fhir);
        BulkExportEndpoints.Map(fhir);
        SubscriptionResources.Map(fhir);
        CompositionResources.Map(fhir);
        fhir.MapMethods("/{type}/{**rest}", ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"], (string type, HttpRequest request) =>
                ServedTypes.Contains(type)
                    ? FhirOutcome.Error(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported,
                        $"{request.Method} {request.Path} is not an interaction Varde supports; see /fhir/metadata.")
                    : FhirOutcome.Error(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported,
                        $"Varde does not serve the resource type '{type}'; see /fhir/metadata."))
            .WithName("FhirUnsupported")
            .RequireAuthorization(Policies.FhirWrite);
    }
}
