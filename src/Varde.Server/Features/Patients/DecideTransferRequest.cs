using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Alerts;
using Varde.Domain.Patients;
using Varde.Server.Auth;
using Varde.Server.Features.Statistics;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Patients;

/// <summary>
/// POST /api/transfer-requests/{id}/decision: the service that follows the patient answers a request to take them over.
/// Accepted: the patient moves to the asking service at once (municipality and GP as it gave them; plans, readings,
/// alerts and shared departments go with the patient; the active alerts and reports waiting to be reviewed move to the
/// new service's worklist) and the change is in the care history. Declined: the patient
/// stays. One answer per request; the patient sees it in her access log.
/// </summary>
public sealed class DecideTransferRequest(VardeDbContext db, PatientAccessGate gate, PatientLocks locks, TimeProvider clock)
{
    public const string Action = "patient.transfer.decide";

    public sealed record Request(TransferAnswer? Answer, string? Note);

    public abstract record Outcome
    {
        public sealed record Decided(TransferAnswer Answer) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record AlreadyAnswered : Outcome;

        public sealed record NotFound : Outcome;
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/transfer-requests/{id:guid}/decision", async Task<Results<NoContent, ValidationProblem, ProblemHttpResult, NotFound>> (Guid id,
                    Request request, ClaimsPrincipal user, DecideTransferRequest slice, CancellationToken ct) =>
                await slice.HandleAsync(id, request, Callers.From(user), ct) switch
                {
                    Outcome.Decided => TypedResults.NoContent(),
                    Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
                    Outcome.AlreadyAnswered => PatientProblems.Conflict("transfer-answered", "The request is already answered",
                        "Someone in your service has already answered this request."),
                    _ => TypedResults.NotFound(),
                })
            .WithName(nameof(DecideTransferRequest)).WithTags("Patients").RequireAuthorization(Policies.Transfers);

    public async Task<Outcome> HandleAsync(Guid id, Request request, Caller caller, CancellationToken ct)
    {
        // Only requests for the caller's own patients; any other id is not found.
        var found = await (from r in db.TransferRequests
                           join p in db.Patients on r.PatientId equals p.Id
                           where r.Id == id && p.FollowUpServiceId == caller.OrganisationId && r.ToServiceId != caller.OrganisationId
                           select new { Request = r, Patient = p }).SingleOrDefaultAsync(ct);
        if (found is null)
            return new Outcome.NotFound();
        if (await db.TransferDecisions.AnyAsync(d => d.TransferRequestId == id, ct))
            return new Outcome.AlreadyAnswered();
        if (request.Answer is not { } answer)
            return new Outcome.Refused([new("answer", "Answer Accepted or Declined.")]);

        var now = clock.GetUtcNow();
        var decision = TransferDecision.Record(Guid.CreateVersion7(now), id, answer, caller.ActorId, request.Note, now);
        if (!decision.IsValid)
            return new Outcome.Refused(decision.Errors);
        db.TransferDecisions.Add(decision.Value);
        // The patient is held as intake holds them, so no report is taken in for the old service while the patient moves.
        await using var hold = await locks.HoldAsync(db, [found.Patient.Id], ct);
        var transaction = db.Database.CurrentTransaction!;
        if (answer == TransferAnswer.Accepted)
        {
            var before = (found.Patient.FollowUpServiceId, found.Patient.MunicipalityId);
            db.PatientCareChanges.AddRange(found.Patient.Transfer(found.Request, caller.ActorId, now));
            // The reports already counted for the statistics go with the patient (ADR 0054). Another request for the same
            // patient accepted meanwhile has moved them: this one is then no longer the caller's to answer.
            if (!await SummariseReports.MovePatientAsync(db, found.Patient.Id, before, (found.Patient.FollowUpServiceId, found.Patient.MunicipalityId), ct))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return new Outcome.NotFound();
            }

            await MoveWaitingWorkAsync(found.Patient.Id, before.FollowUpServiceId, found.Patient.FollowUpServiceId, now, ct);
        }

        gate.Stage(caller, [found.Patient.Id], Action, AccessOutcome.Allowed);
        try
        {
            await db.SaveChangesAsync(ct);
            await hold.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two answers at once: the unique index keeps the first.
            await transaction.RollbackAsync(CancellationToken.None);
            if (await AnsweredMeanwhileAsync(id))
                return new Outcome.AlreadyAnswered();
            throw;
        }

        return new Outcome.Decided(answer);
    }

    /// <summary>
    /// What waits for a nurse goes to the new service's worklist (ADR 0056): the patient's active alerts and every report
    /// not yet reviewed (also those in an alert, which a report judged later may take out of it). Handled alerts and
    /// reviewed reports stay with the service that saw them. Both services' open screens hear of it and load the patient again;
    /// each moved alert has an <c>alert.moved</c> event in the new service (its FHIR subscribers are told).
    /// </summary>
    private async Task MoveWaitingWorkAsync(Guid patientId, Guid from, Guid to, DateTimeOffset now, CancellationToken ct)
    {
        if (from == to)
            return;
        var active = db.Alerts.Where(a => a.PatientId == patientId && a.ServiceId != to && (a.State == AlertState.Open || a.State == AlertState.Acknowledged));
        var movedIds = await active.Select(a => a.Id).ToListAsync(ct);
        await active.ExecuteUpdateAsync(a => a.SetProperty(x => x.ServiceId, to), ct);
        // Each moved alert is news to the new service: its FHIR subscribers (DetectedIssue) hear of it as of any alert change.
        foreach (var alert in await db.Alerts.AsNoTracking().Where(a => movedIds.Contains(a.Id)).ToListAsync(ct))
            Outbox.AlertChanged(db, alert, "alert.moved", now);
        // Also the reports in an alert: one judged again later may leave it and wait on its own.
        await db.TriageRecords.Where(r => r.PatientId == patientId && r.ServiceId != to && r.ReviewedAt == null)
            .ExecuteUpdateAsync(r => r.SetProperty(x => x.ServiceId, to), ct);
        Outbox.PatientMoved(db, from, patientId, now);
        Outbox.PatientMoved(db, to, patientId, now);
    }

    private async Task<bool> AnsweredMeanwhileAsync(Guid id)
    {
        db.ChangeTracker.Clear();
        return await db.TransferDecisions.AnyAsync(d => d.TransferRequestId == id);
    }
}
