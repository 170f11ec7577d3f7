using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Relatives;

/// <summary>
/// Relatives (pårørende) with the patient's consent (ADR 0034): the patient manages them under /pasient/api/relatives,
/// the follow-up service's nurses and coordinators under /api/patients/{id}/relatives on the patient's documented wish,
/// and those who follow the patient read the list. The same slices serve both doors and the pages.
/// </summary>
public static class RelativesGroup
{
    public static void AddRelatives(IServiceCollection services)
    {
        services.AddScoped<ListRelatives>();
        services.AddScoped<InviteRelative>();
        services.AddScoped<DecideRelativeConsent>();
        services.AddScoped<NewRelativeCode>();
        services.AddScoped<RelativeSignIn>();
    }

    public static void MapForStaff(RouteGroupBuilder patients)
    {
        patients.MapGet("/{patientId:guid}/relatives", async Task<Results<Ok<IReadOnlyList<RelativeResponse>>, ProblemHttpResult>> (Guid patientId,
                ClaimsPrincipal user, ListRelatives slice, CancellationToken ct) =>
                await slice.HandleAsync(patientId, user, ct) is { } list ? TypedResults.Ok(list) : PatientProblems.NotFound(patientId))
            .WithName(nameof(ListRelatives)).RequireAuthorization(Policies.ReadPatientData);
        patients.MapPost("/{patientId:guid}/relatives", async (Guid patientId, InviteRelative.Request request, ClaimsPrincipal user, InviteRelative slice,
                CancellationToken ct) => (await slice.HandleAsync(patientId, request, user, ct)).ToHttp(created: true))
            .WithName(nameof(InviteRelative)).RequireAuthorization(Policies.EnrolPatients);
        patients.MapPut("/{patientId:guid}/relatives/{relativeId:guid}/consent", async (Guid patientId, Guid relativeId, DecideRelativeConsent.Request request,
                ClaimsPrincipal user, DecideRelativeConsent slice, CancellationToken ct) => (await slice.HandleAsync(patientId, relativeId, request, user, ct)).ToHttp())
            .WithName(nameof(DecideRelativeConsent)).RequireAuthorization(Policies.EnrolPatients);
        patients.MapPost("/{patientId:guid}/relatives/{relativeId:guid}/code", async (Guid patientId, Guid relativeId, ClaimsPrincipal user,
                NewRelativeCode slice, CancellationToken ct) => (await slice.HandleAsync(patientId, relativeId, user, ct)).ToHttp())
            .WithName(nameof(NewRelativeCode)).RequireAuthorization(Policies.EnrolPatients);
    }

    public static void MapForPatient(RouteGroupBuilder self)
    {
        self.MapGet("/relatives", async Task<Results<Ok<IReadOnlyList<RelativeResponse>>, NotFound>> (ClaimsPrincipal user, ListRelatives slice,
                CancellationToken ct) => await slice.HandleAsync(PatientAuth.PatientId(user), user, ct) is { } list ? TypedResults.Ok(list) : TypedResults.NotFound())
            .WithName(nameof(ListRelatives) + "ForPatient").RequireAuthorization(Policies.SignedInPatient);
        self.MapPost("/relatives", async (InviteRelative.Request request, ClaimsPrincipal user, InviteRelative slice, CancellationToken ct) =>
                (await slice.HandleAsync(PatientAuth.PatientId(user), request, user, ct)).ToHttp(created: true))
            .WithName(nameof(InviteRelative) + "ForPatient").RequireAuthorization(Policies.SignedInPatient);
        self.MapPut("/relatives/{relativeId:guid}/consent", async (Guid relativeId, DecideRelativeConsent.Request request, ClaimsPrincipal user,
                DecideRelativeConsent slice, CancellationToken ct) => (await slice.HandleAsync(PatientAuth.PatientId(user), relativeId, request, user, ct)).ToHttp())
            .WithName(nameof(DecideRelativeConsent) + "ForPatient").RequireAuthorization(Policies.SignedInPatient);
        self.MapPost("/relatives/{relativeId:guid}/code", async (Guid relativeId, ClaimsPrincipal user, NewRelativeCode slice, CancellationToken ct) =>
                (await slice.HandleAsync(PatientAuth.PatientId(user), relativeId, user, ct)).ToHttp())
            .WithName(nameof(NewRelativeCode) + "ForPatient").RequireAuthorization(Policies.SignedInPatient);
    }
}
