using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Pathways;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Pathways;

/// <summary>
/// POST /api/patients/{id}/pathway/{step}: moves the patient's current pathway one step (assessment, decision,
/// start-up, trial, activation, evaluation, end). The domain decides what is allowed from where and by whom: a role
/// that may not take the step gets 403, a step that is not possible from the current state 409, bad details 400.
/// Give the pathway's version to refuse a step taken on a stale view (409), as two people can open the same pathway.
/// The start-up lends the equipment it records that is in the service's register (<see cref="EquipmentRegister.StartUpEquipment"/>).
/// </summary>
public sealed class TakePathwayStep(VardeDbContext db, PatientAccessGate gate, EquipmentRegister.StartUpEquipment startUpEquipment, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Steps = ["assessment", "decision", "start-up", "trial", "activation", "evaluation", "end"];

    public sealed record Request(
        int? Version = null,
        InclusionChecklist? Checklist = null,
        bool? Accept = null,
        DateOnly? StartDate = null,
        string? Reason = null,
        DateTimeOffset? InformationSentAt = null,
        DateTimeOffset? HomeVisitAt = null,
        DateTimeOffset? TrainingAt = null,
        IReadOnlyList<Equipment>? Equipment = null,
        int? TrialDays = null,
        DateOnly? FirstEvaluation = null,
        string? Outcome = null,
        DateOnly? NextEvaluation = null,
        EndReason? EndReason = null,
        string? Note = null,
        EvaluationAssessment? Assessment = null);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/pathway/{step}", (Guid patientId, string step, Request request, ClaimsPrincipal user, TakePathwayStep slice,
                CancellationToken ct) => slice.HandleAsync(patientId, step, request, user, ct))
            .WithName(nameof(TakePathwayStep))
            .RequireAuthorization(Policies.RunPathways);

    public async Task<Results<Ok<PathwayResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid patientId, string step, Request request,
        ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Steps.Contains(step))
            return TypedResults.Problem(title: "No such step", detail: $"The steps are: {string.Join(", ", Steps)}.", statusCode: StatusCodes.Status404NotFound,
                type: "https://varde.no/problems/not-found");
        var patient = await gate.OpenAsync(user, patientId, $"pathway.{step}", ct);
        if (patient is null)
            return PatientProblems.NotFound(patientId);
        var pathway = await CurrentPathway.ForPatientAsync(db, patientId, tracked: true, ct);
        if (pathway is null)
            return TypedResults.Problem(title: "No pathway", detail: "Register a referral first.", statusCode: StatusCodes.Status404NotFound,
                type: "https://varde.no/problems/no-pathway");
        if (request.Version is { } seen && seen != pathway.Version)
            return Stale();

        var caller = Callers.From(user);
        var now = clock.GetUtcNow();
        var errors = step switch
        {
            "assessment" => pathway.StartAssessment(caller, now),
            "decision" => Decide(pathway, request, caller, now),
            "start-up" => pathway.RecordStartUp(request.HomeVisitAt ?? now, request.TrainingAt ?? now, request.Equipment ?? [], caller, now),
            "trial" => pathway.StartTrial(request.TrialDays ?? Pathway.ShortestTrialDays, caller, now),
            "activation" => pathway.Activate(await db.PlanVersions.AnyAsync(v => v.PatientId == patientId && v.Approval != null, ct),
                request.FirstEvaluation ?? DateOnly.MinValue, caller, now),
            "evaluation" => pathway.RecordEvaluation(request.Assessment, request.Outcome, request.NextEvaluation, caller, now),
            _ => request.EndReason is { } reason ? pathway.End(reason, request.Note, caller, now) : [new ValidationError("endReason", "Choose why follow-up ends.")],
        };
        if (step == "start-up" && errors.Count == 0)
            errors = await startUpEquipment.HandOutAsync(patient, pathway.Equipment, user, caller.ActorId, now, ct);
        if (errors.FirstOrDefault(e => e.Field == "role") is { } role)
            return TypedResults.Problem(title: "Not your step", detail: role.Message, statusCode: StatusCodes.Status403Forbidden,
                type: "https://varde.no/problems/pathway-role");
        if (errors.FirstOrDefault(e => e.Field == "state") is { } state)
            return TypedResults.Problem(title: "Not possible now", detail: state.Message, statusCode: StatusCodes.Status409Conflict,
                type: "https://varde.no/problems/pathway-state");
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(ValidationError.ByField(errors));

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }

        var names = await StaffNames.ForAsync(db, pathway.History.Select(h => h.ActorId), ct);
        return TypedResults.Ok(PathwayResponse.From(pathway, names));
    }

    private static IReadOnlyList<ValidationError> Decide(Pathway pathway, Request request, Caller caller, DateTimeOffset now)
    {
        if (request.Checklist is not { } checklist)
            return [new("checklist", "Fill in the inclusion checklist.")];
        if (request.InformationSentAt is not { } informed)
            return [new("informationSentAt", "Record when the written information was sent to the patient.")];
        return request.Accept switch
        {
            true when request.StartDate is { } start => pathway.Accept(checklist, start, informed, caller, now),
            true => [new("startDate", "An acceptance needs a start date.")],
            false => pathway.Decline(checklist, request.Reason, informed, caller, now),
            null => [new("accept", "Accept or decline.")],
        };
    }

    private static ProblemHttpResult Stale() =>
        PatientProblems.Conflict("pathway-changed", "The pathway was changed by someone else", "Reload the pathway and take the step again.");
}
