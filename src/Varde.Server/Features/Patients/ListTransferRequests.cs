using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Patients;
using Varde.Server.Auth;

namespace Varde.Server.Features.Patients;

/// <summary>
/// GET /api/transfer-requests: what the caller's follow-up service is asked to hand over (unanswered requests for its
/// patients: who asked, from which service, for where) and what it has asked for itself (the identity number it gave,
/// and the answer; the patient only once transferred). Seeing a request names the patient, so it is in her access log.
/// </summary>
public sealed class ListTransferRequests(VardeDbContext db, PatientAccessGate gate)
{
    public const string Action = "patient.transfer.list";

    public sealed record Incoming(Guid Id, Guid PatientId, string PatientName, string FromService, string RequestedBy, string Municipality, DateTimeOffset At);

    public sealed record Outgoing(Guid Id, string IdentityNumber, string RequestedBy, DateTimeOffset At, TransferAnswer? Answer, DateTimeOffset? AnsweredAt,
        Guid? PatientId);

    public sealed record Answer(IReadOnlyList<Incoming> Incoming, IReadOnlyList<Outgoing> Outgoing);

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/api/transfer-requests", async (ClaimsPrincipal user, ListTransferRequests slice, CancellationToken ct) =>
                TypedResults.Ok(await slice.HandleAsync(Callers.From(user), ct)))
            .WithName(nameof(ListTransferRequests)).WithTags("Patients").RequireAuthorization(Policies.Transfers);

    public async Task<Answer> HandleAsync(Caller caller, CancellationToken ct)
    {
        var service = caller.OrganisationId;
        var incoming = await (from r in db.TransferRequests.AsNoTracking()
                              join p in db.Patients on r.PatientId equals p.Id
                              join asking in db.Organisations on r.ToServiceId equals asking.Id
                              join m in db.Organisations on r.MunicipalityId equals m.Id
                              where p.FollowUpServiceId == service && r.ToServiceId != service
                                  && !db.TransferDecisions.Any(d => d.TransferRequestId == r.Id)
                              orderby r.At
                              select new { r.Id, r.PatientId, p.Name, From = asking.Name, r.RequestedByActorId, Municipality = m.Name, r.At }).ToListAsync(ct);
        var outgoing = await (from r in db.TransferRequests.AsNoTracking()
                              join p in db.Patients on r.PatientId equals p.Id
                              where r.ToServiceId == service
                              let d = db.TransferDecisions.FirstOrDefault(d => d.TransferRequestId == r.Id)
                              orderby r.At descending
                              select new { r.Id, p.IdentityNumber, r.RequestedByActorId, r.At, Answer = (TransferAnswer?)d!.Answer, AnsweredAt = (DateTimeOffset?)d!.At })
            .Take(50).ToListAsync(ct);

        var names = await StaffNames.ForAsync(db, incoming.Select(i => i.RequestedByActorId).Concat(outgoing.Select(o => o.RequestedByActorId)), ct);
        if (incoming.Count > 0)
        {
            gate.Stage(caller, incoming.Select(i => i.PatientId).Distinct(), Action, AccessOutcome.Allowed);
            await db.SaveChangesAsync(ct);
        }

        var transferred = await TransferredPatientsAsync(outgoing.Where(o => o.Answer == TransferAnswer.Accepted).Select(o => o.Id).ToList(), ct);
        return new(
            [.. incoming.Select(i => new Incoming(i.Id, i.PatientId, i.Name, i.From, names.Find(i.RequestedByActorId) ?? "", i.Municipality, i.At))],
            [.. outgoing.Select(o => new Outgoing(o.Id, o.IdentityNumber, names.Find(o.RequestedByActorId) ?? "", o.At, o.Answer, o.AnsweredAt,
                transferred.GetValueOrDefault(o.Id)))]);
    }

    /// <summary>How many requests to take over the service's patients wait for an answer (a count, naming no one, so not logged).</summary>
    public Task<int> CountWaitingAsync(Guid serviceId, CancellationToken ct) =>
        (from r in db.TransferRequests
         join p in db.Patients on r.PatientId equals p.Id
         where p.FollowUpServiceId == serviceId && r.ToServiceId != serviceId && !db.TransferDecisions.Any(d => d.TransferRequestId == r.Id)
         select r.Id).CountAsync(ct);

    /// <summary>The patient of each accepted request, if the caller's service still follows them.</summary>
    private async Task<Dictionary<Guid, Guid?>> TransferredPatientsAsync(List<Guid> accepted, CancellationToken ct) =>
        accepted.Count == 0 ? [] : await (from r in db.TransferRequests.AsNoTracking()
                                          join p in db.Patients on r.PatientId equals p.Id
                                          where accepted.Contains(r.Id) && p.FollowUpServiceId == r.ToServiceId
                                          select new { RequestId = r.Id, PatientId = p.Id }).ToDictionaryAsync(x => x.RequestId, x => (Guid?)x.PatientId, ct);
}
