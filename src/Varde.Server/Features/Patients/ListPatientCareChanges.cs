using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Patients;
using Varde.Server.Auth;

namespace Varde.Server.Features.Patients;

/// <summary>GET /api/patients/{id}/care-changes: who changed the patient's GP or departments, when, from what to what (newest first), with names.</summary>
public sealed class ListPatientCareChanges(VardeDbContext db, PatientAccessGate gate)
{
    public sealed record Item(DateTimeOffset At, string By, string? ByName, PatientCareChangeKind Kind, Guid? From, string? FromName, Guid? To, string? ToName);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/care-changes", (Guid patientId, ClaimsPrincipal user, ListPatientCareChanges slice, CancellationToken ct) =>
                slice.HandleAsync(patientId, user, ct))
            .WithName(nameof(ListPatientCareChanges))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Results<Ok<List<Item>>, ProblemHttpResult>> HandleAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, "patient.care.history", ct) is null)
            return PatientProblems.NotFound(patientId);
        return TypedResults.Ok(await ForAsync(db, patientId, ct));
    }

    /// <summary>For the patient page: the same list, or none for a caller who may not see the patient.</summary>
    public async Task<List<Item>> ForPageAsync(Guid patientId, ClaimsPrincipal user, CancellationToken ct) =>
        await gate.OpenAsync(user, patientId, "patient.care.history", ct) is null ? [] : await ForAsync(db, patientId, ct);

    /// <summary>The patient's care changes with names, newest first.</summary>
    public static async Task<List<Item>> ForAsync(VardeDbContext db, Guid patientId, CancellationToken ct)
    {
        var changes = await db.PatientCareChanges.AsNoTracking().Where(c => c.PatientId == patientId).ToListAsync(ct);
        var ids = changes.SelectMany(c => new[] { c.From, c.To }).OfType<Guid>().Distinct().ToList();
        var staff = await StaffNames.ForAsync(db, changes.Select(c => c.ByActorId).Concat(ids.Select(id => id.ToString())), ct);
        var organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        string? Name(Guid? id) => id is not { } i ? null : organisations.GetValueOrDefault(i) ?? staff.Find(i.ToString());
        return changes.OrderByDescending(c => c.At).ThenByDescending(c => c.Id)
            .Select(c => new Item(c.At, c.ByActorId, staff.Find(c.ByActorId), c.Kind, c.From, Name(c.From), c.To, Name(c.To))).ToList();
    }
}
