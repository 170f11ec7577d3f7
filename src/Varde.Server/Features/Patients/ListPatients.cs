using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Alerts;
using Varde.Domain.Pathways;
using Varde.Domain.Patients;
using Varde.Domain.Triage;
using Varde.Server.Auth;

namespace Varde.Server.Features.Patients;

/// <summary>
/// GET /api/patients: the patients the caller follows (her service's, her listed, or those shared with her department),
/// searched by name or identity number and filtered by pathway state, zone, municipality and GP, sorted by name, by last
/// report (newest or quietest first) or by zone (red first). Each row carries what the list shows: the newest pathway's
/// state, the worst open alert's zone, the last report, the municipality and the GP.
/// </summary>
public sealed class ListPatients(VardeDbContext db, PatientAccessGate gate, TimeProvider clock)
{
    /// <summary>
    /// What to list, as given in the query string (so a wrong value gets a field error). All optional: <see cref="Q"/>
    /// is part of a name or the start of an identity number; <see cref="Zone"/> is "red", "yellow" or "none" (no open
    /// alert); <see cref="Sort"/> is one of <see cref="Sorts"/>.
    /// </summary>
    public sealed record Query(string? Q = null, string? State = null, string? Zone = null, string? MunicipalityId = null, string? GpStaffId = null,
        string? Sort = null);

    public sealed record Outcome(IReadOnlyList<PatientListRow> Rows, IReadOnlyList<ValidationError> Errors);

    /// <summary>The municipalities and GPs of the caller's patients, for the list's filters.</summary>
    public sealed record Choices(IReadOnlyList<Choice> Municipalities, IReadOnlyList<Choice> Gps);

    public sealed record Choice(Guid Id, string Name);

    public static readonly string[] Sorts = ["name", "lastReport", "quiet", "zone"];

    public static readonly string[] Zones = ["red", "yellow", "none"];

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapGet("/", async ([AsParameters] Query query, ClaimsPrincipal user, ListPatients slice, CancellationToken ct) =>
                (await slice.HandleAsync(user, query, ct)) switch
                {
                    { Errors.Count: > 0 } refused => (Results<Ok<IReadOnlyList<PatientListRow>>, ValidationProblem>)TypedResults.ValidationProblem(
                        ValidationError.ByField(refused.Errors)),
                    var listed => TypedResults.Ok(listed.Rows),
                })
            .WithName(nameof(ListPatients))
            .RequireAuthorization(Policies.ReadPatientData);

    public async Task<Outcome> HandleAsync(ClaimsPrincipal user, Query query, CancellationToken ct)
    {
        var errors = Check(query);
        if (errors.Count > 0)
            return new([], errors);

        var caller = Callers.From(user);
        var rows = Visible(caller);
        if (Guid.TryParse(query.MunicipalityId, out var municipality))
            rows = rows.Where(p => p.MunicipalityId == municipality);
        if (Guid.TryParse(query.GpStaffId, out var gp))
            rows = rows.Where(p => p.GpStaffId == gp);
        var digits = query.Q?.Trim() is { Length: > 0 } q && q.All(char.IsAsciiDigit) ? q : null;
        if (digits is not null)
            rows = rows.Where(p => p.IdentityNumber.StartsWith(digits));

        var projected = Project(rows);
        if (query.State is { Length: > 0 } stateText)
        {
            var state = Enum.Parse<PathwayState>(stateText, ignoreCase: true);
            projected = projected.Where(r => r.State == state);
        }

        projected = query.Zone?.ToLowerInvariant() switch
        {
            "red" => projected.Where(r => r.HasRed),
            "yellow" => projected.Where(r => !r.HasRed && r.HasYellow),
            "none" => projected.Where(r => r.OpenAlerts == 0),
            _ => projected,
        };

        var found = await projected.AsNoTracking().ToListAsync(ct);
        // Names are matched here, not in SQL: SQLite's lower() and LIKE fold only ASCII, and "Ø" must find "ø".
        if (digits is null && query.Q?.Trim() is { Length: > 0 } name)
            found = found.Where(r => CultureInfo.CurrentCulture.CompareInfo.IndexOf(r.Patient.Name, name, CompareOptions.IgnoreCase) >= 0).ToList();

        await gate.LogAsync(caller, found.Select(r => r.Patient.Id), "patient.list", AccessOutcome.Allowed, ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return new(Sorted(found.Select(r => PatientListRow.From(r, today)), query.Sort).ToList(), []);
    }

    /// <summary>The municipalities and GPs the caller's patients have, by name.</summary>
    public async Task<Choices> ChoicesAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var visible = Visible(Callers.From(user));
        var municipalities = await db.Organisations.Where(o => visible.Any(p => p.MunicipalityId == o.Id))
            .Select(o => new Choice(o.Id, o.Name)).ToListAsync(ct);
        var gps = await db.StaffMembers.Where(s => visible.Any(p => p.GpStaffId == s.Id))
            .Select(s => new Choice(s.Id, s.Name)).ToListAsync(ct);
        return new(municipalities.OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList(),
            gps.OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList());
    }

    private static List<ValidationError> Check(Query query)
    {
        var errors = new List<ValidationError>();
        if (query.State is { Length: > 0 } state && (!Enum.TryParse<PathwayState>(state, ignoreCase: true, out _) || int.TryParse(state, out _)))
            errors.Add(new("state", $"Pathway state is one of {string.Join(", ", Enum.GetNames<PathwayState>())}."));
        if (query.Zone is { Length: > 0 } zone && !Zones.Contains(zone, StringComparer.OrdinalIgnoreCase))
            errors.Add(new("zone", "Zone is red, yellow or none."));
        if (query.Sort is { Length: > 0 } sort && !Sorts.Contains(sort, StringComparer.OrdinalIgnoreCase))
            errors.Add(new("sort", $"Sort is one of {string.Join(", ", Sorts)}."));
        if (query.MunicipalityId is { Length: > 0 } municipality && !Guid.TryParse(municipality, out _))
            errors.Add(new("municipalityId", "The municipality is given by its id."));
        if (query.GpStaffId is { Length: > 0 } gp && !Guid.TryParse(gp, out _))
            errors.Add(new("gpStaffId", "The GP is given by her id."));
        if (query.Q is { Length: > 100 })
            errors.Add(new("q", "Search with at most 100 characters."));
        return errors;
    }

    private static IEnumerable<PatientListRow> Sorted(IEnumerable<PatientListRow> rows, string? sort) => sort?.ToLowerInvariant() switch
    {
        "lastreport" => rows.OrderByDescending(r => r.LastReportAt ?? DateTimeOffset.MinValue).ThenBy(r => r.Name, StringComparer.CurrentCulture),
        "quiet" => rows.OrderBy(r => r.LastReportAt ?? DateTimeOffset.MinValue).ThenBy(r => r.Name, StringComparer.CurrentCulture),
        "zone" => rows.OrderBy(r => r.Zone switch { TriageOutcome.Red => 0, TriageOutcome.Yellow => 1, _ => r.OpenAlerts > 0 ? 2 : 3 })
            .ThenBy(r => r.OldestOpenAlertAt ?? DateTimeOffset.MaxValue).ThenBy(r => r.Name, StringComparer.CurrentCulture),
        _ => rows.OrderBy(r => r.Name, StringComparer.CurrentCulture),
    };

    /// <summary>One SELECT: each patient with the newest pathway's state, open alerts, last report, municipality and GP.</summary>
    private IQueryable<Projection> Project(IQueryable<Patient> patients)
    {
        var open = db.Alerts.Where(a => a.State == AlertState.Open || a.State == AlertState.Acknowledged);
        return patients.Select(p => new Projection
        {
            Patient = p,
            State = db.Pathways.Where(w => w.PatientId == p.Id).OrderByDescending(w => w.ReferredAt).ThenByDescending(w => w.Id)
                .Select(w => (PathwayState?)w.State).FirstOrDefault(),
            HasRed = open.Any(a => a.PatientId == p.Id && a.Zone == TriageOutcome.Red),
            HasYellow = open.Any(a => a.PatientId == p.Id && a.Zone == TriageOutcome.Yellow),
            OpenAlerts = open.Count(a => a.PatientId == p.Id),
            OldestOpenAlertAt = open.Where(a => a.PatientId == p.Id).Min(a => (DateTimeOffset?)a.OpenedAt),
            LastReportAt = db.TriageRecords.Where(r => r.PatientId == p.Id).Max(r => (DateTimeOffset?)r.EffectiveAt),
            MunicipalityName = db.Organisations.Where(o => o.Id == p.MunicipalityId).Select(o => o.Name).FirstOrDefault(),
            GpName = db.StaffMembers.Where(s => s.Id == p.GpStaffId).Select(s => s.Name).FirstOrDefault(),
        });
    }

    // The same need-to-know rule as PatientAccessRule, as a query.
    private IQueryable<Patient> Visible(Caller caller) => caller.Role switch
    {
        Role.Nurse or Role.Coordinator or Role.DeviceGateway => db.Patients.Where(p => p.FollowUpServiceId == caller.OrganisationId),
        Role.Gp when Guid.TryParse(caller.ActorId, out var gp) => db.Patients.Where(p => p.GpStaffId == gp),
        Role.Specialist => db.Patients.Where(p => p.SharedWithDepartmentIds.Contains(caller.OrganisationId)),
        Role.BackendSystem => db.Patients.Where(p => p.FollowUpServiceId == caller.OrganisationId || p.SharedWithDepartmentIds.Contains(caller.OrganisationId)),
        Role.AllocationOffice => db.Patients.Where(p => p.MunicipalityId == caller.OrganisationId),
        Role.Patient when Guid.TryParse(caller.ActorId, out var self) => db.Patients.Where(p => p.Id == self),
        Role.Relative when caller.OnBehalfOf is { } patient => db.Patients.Where(p => p.Id == patient),
        Role.Gp or Role.Patient or Role.Relative or Role.Leader or Role.Administrator => db.Patients.Where(_ => false),
    };

    /// <summary>A row as the database gives it (member initialisation, so that EF can filter on its members).</summary>
    internal sealed class Projection
    {
        public required Patient Patient { get; init; }
        public PathwayState? State { get; init; }
        public bool HasRed { get; init; }
        public bool HasYellow { get; init; }
        public int OpenAlerts { get; init; }
        public DateTimeOffset? OldestOpenAlertAt { get; init; }
        public DateTimeOffset? LastReportAt { get; init; }
        public string? MunicipalityName { get; init; }
        public string? GpName { get; init; }
    }
}
