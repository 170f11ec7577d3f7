using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Services;
using Varde.Server.Auth;

namespace Varde.Server.Features.Patients;

/// <summary>
/// "Hvem har sett mine data": a patient's access log in plain words, for the last 12 months, newest first: who (name,
/// role, organisation; a gateway or system by its name), what (<see cref="AccessWording"/>), when, and whether access
/// was refused. The same act by the same person on one day is one line with a count. Pages go back by
/// <c>before</c> (the oldest time on the page before). GET /pasient/api/access-log for the patient,
/// GET /api/patients/{id}/access-log for her nurses and doctors; reading it is logged too.
/// </summary>
public sealed class ListAccessHistory(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    public const string Action = "access-log.read";

    /// <summary>Raw entries per page; a page shows them as fewer lines once grouped.</summary>
    public const int PageSize = 200;

    public sealed record Line(DateOnly Day, DateTimeOffset LatestAt, string ActorName, Role ActorRole, string? Organisation, bool You,
        string Action, string WhatNb, string WhatEn, int Times, bool Refused, bool BreakGlass = false);

    /// <summary>The page; <see cref="Before"/> asks for the next (older) one, null when there is none.</summary>
    public sealed record Page(IReadOnlyList<Line> Lines, DateTimeOffset? Before);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/{patientId:guid}/access-log", async (Guid patientId, DateTimeOffset? before, ClaimsPrincipal user, ListAccessHistory slice,
                    CancellationToken ct) => await slice.HandleAsync(patientId, before, user, ct) is { } page
                    ? (Results<Ok<Page>, ProblemHttpResult>)TypedResults.Ok(page)
                    : PatientProblems.NotFound(patientId))
            .WithName(nameof(ListAccessHistory))
            .RequireAuthorization(Policies.ReadPatientData);

    public static void MapForPatient(RouteGroupBuilder self) =>
        self.MapGet("/access-log", async (DateTimeOffset? before, ClaimsPrincipal user, ListAccessHistory slice, CancellationToken ct) =>
                await slice.HandleAsync(PatientAuth.PatientId(user), before, user, ct) is { } page
                    ? (Results<Ok<Page>, NotFound>)TypedResults.Ok(page)
                    : TypedResults.NotFound())
            .WithName(nameof(ListAccessHistory) + "ForPatient")
            .RequireAuthorization(Policies.SignedInPatient);

    /// <summary>The page, or null when the caller may not see the patient (the refusal is logged by the gate).</summary>
    public async Task<Page?> HandleAsync(Guid patientId, DateTimeOffset? before, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, Action, ct) is null)
            return null;
        var since = clock.GetUtcNow().AddMonths(-12);
        var query = db.AccessLog.AsNoTracking().Where(e => e.PatientId == patientId && e.At >= since);
        if (before is { } until)
            query = query.Where(e => e.At < until);
        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Take(PageSize + 1).ToListAsync(ct);
        DateTimeOffset? older = null;
        if (entries.Count > PageSize)
        {
            // A page ends between two instants, never inside one, so that asking for what is before it loses nothing.
            var cut = entries[PageSize].At;
            var kept = entries.Where(e => e.At > cut).ToList();
            entries = kept.Count > 0 ? kept : await query.Where(e => e.At == cut).ToListAsync(ct);
            older = entries.Min(e => e.At);
        }

        var names = await StaffNames.ForAsync(db, entries.Select(e => e.ActorId), ct);
        var relatives = await db.Relatives.AsNoTracking().Where(r => r.PatientId == patientId)
            .ToDictionaryAsync(r => r.Id.ToString(), r => $"{r.Name} ({r.Relation})", ct);
        var organisationIds = entries.Select(e => e.ActorOrganisationId).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var self = patientId.ToString();
        var lines = entries
            // One line per person, day and act as the patient reads it ("åpnet pasientsiden din" is the page and its overview).
            .GroupBy(e => (Day: NorwegianTime.Today(e.At), e.ActorId, e.ActorRole, e.ActorOrganisationId, AccessWording.Describe(e.Action).Nb, e.Outcome))
            .Select(g =>
            {
                var action = g.OrderByDescending(e => e.At).First().Action;
                var what = AccessWording.Describe(action);
                var you = g.Key.ActorRole == Role.Patient && g.Key.ActorId == self;
                return new Line(g.Key.Day, g.Max(e => e.At), (g.Key.ActorRole == Role.Relative ? relatives.GetValueOrDefault(g.Key.ActorId) : names.Find(g.Key.ActorId)) ?? g.Key.ActorId,
                    g.Key.ActorRole,
                    you ? null : organisations.GetValueOrDefault(g.Key.ActorOrganisationId), you, action, what.Nb, what.En, g.Count(),
                    g.Key.Outcome == AccessOutcome.Denied, g.Key.Outcome == AccessOutcome.BreakGlass);
            })
            .OrderByDescending(l => l.LatestAt).ToList();
        return new Page(lines, older);
    }
}
