using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Varde.Server.Auth;
using Varde.Server.Features.Measurements;
using Varde.Server.Features.Questionnaires;
using Varde.Server.Features.Tablets;

namespace Varde.Server.Features.PatientApp;

/// <summary>
/// The patient app's endpoints under /pasient/api (the patient's own cookie, own data only) and the staff endpoints
/// for lent tablets under /api/patients/{id}/tablets. The patient sends readings and answers through the same slices
/// as staff and gateways, so triage, idempotency by client id and alerts are one code path.
/// </summary>
public static class PatientAppGroup
{
    public static IHostApplicationBuilder AddPatientApp(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SignInAttempts>();
        builder.Services.AddScoped<EnrolTablet>();
        builder.Services.AddScoped<SignInWithPin>();
        builder.Services.AddScoped<GetPatientToday>();
        builder.Services.AddScoped<GetReportResult>();
        builder.Services.AddScoped<GetLastReading>();
        builder.Services.AddScoped<RecordDeviceReading>();
        builder.Services.AddScoped<GetPatientPlan>();
        builder.Services.AddScoped<IssueTabletCode>();
        builder.Services.AddScoped<ListTablets>();
        builder.Services.AddScoped<RevokeTablet>();
        Relatives.RelativesGroup.AddRelatives(builder.Services);
        return builder;
    }

    public static void MapPatientApp(this WebApplication app)
    {
        var tablets = app.MapGroup("/api/patients").WithTags("Tablets");
        IssueTabletCode.Map(tablets);
        ListTablets.Map(tablets);
        RevokeTablet.Map(tablets);
        Relatives.RelativesGroup.MapForStaff(tablets);

        var self = app.MapGroup(PatientAuth.BasePath + "/api").WithTags("Patient app").RequireAuthorization(Policies.SeePatientApp);
        self.MapPost("/measurements", (RecordMeasurement.Request request, ClaimsPrincipal user, RecordMeasurement slice, CancellationToken ct) =>
            slice.HandleAsync(PatientAuth.PatientId(user), request, user, ct)).RequireScope("Observation", 'c').RequireAuthorization(Policies.SendFromPatientApp)
            .WithName("RecordMeasurementFromPatientApp");
        self.MapPost("/questionnaire-responses", (RecordQuestionnaireResponse.Request request, ClaimsPrincipal user, RecordQuestionnaireResponse slice,
            CancellationToken ct) => slice.HandleAsync(PatientAuth.PatientId(user), request, user, ct)).RequireScope("QuestionnaireResponse", 'c')
            .RequireAuthorization(Policies.SendFromPatientApp).WithName("RecordQuestionnaireResponseFromPatientApp");
        RecordDeviceReading.Map(self);
        self.MapGet("/session", () => TypedResults.NoContent()).WithName("CheckPatientSession");
        Patients.ListAccessHistory.MapForPatient(self);
        Relatives.RelativesGroup.MapForPatient(self);

        app.MapPost(PatientAuth.BasePath + "/logg-ut", async (HttpContext context) =>
        {
            await context.SignOutAsync(PatientAuth.Scheme);
            return Results.Redirect(PatientAuth.BasePath + "/logg-inn");
        }).AllowAnonymous().DisableAntiforgery();
    }
}
