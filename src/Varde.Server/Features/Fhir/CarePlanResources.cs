using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Questionnaires;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// The patient's plan as FHIR, for the GP's and the hospital's systems (issue 20, ADR 0013): CarePlan (one per plan
/// version) and Goal (its thresholds and the patient's own goals), mapped by <see cref="CarePlanMapping"/>. Read,
/// vread and search by patient and status; <c>_include=CarePlan:goal</c> brings the goals along. Who may read them is
/// the access gate's rule for the patient's data (the service, the GP, a department the patient is shared with, the
/// patient), and every read is logged.
/// </summary>
public sealed class CarePlanResources(VardeDbContext db, PatientAccessGate gate, StoredQuestionnaires stored, TimeProvider clock)
{
    private static readonly string[] KnownCarePlan = [.. FhirSubjects.SearchParameters, "status", "_include", .. FhirPage.Parameters];
    private static readonly string[] KnownGoal = [.. FhirSubjects.SearchParameters, "lifecycle-status", .. FhirPage.Parameters];

    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/CarePlan/{id}", (string id, ClaimsPrincipal user, CarePlanResources slice, CancellationToken ct) => slice.ReadCarePlanAsync(id, user, ct))
            .WithName("ReadFhirCarePlan")
            .RequireScope("CarePlan", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/CarePlan/{id}/_history/{vid}", (string id, string vid, ClaimsPrincipal user, CarePlanResources slice, CancellationToken ct) =>
                FhirVersions.ReadAsync(slice.ReadCarePlanAsync(id, user, ct), "CarePlan", id, vid))
            .WithName("VreadFhirCarePlan")
            .RequireScope("CarePlan", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/CarePlan/{id}/_history", (string id, HttpRequest request, ClaimsPrincipal user, CarePlanResources slice, TimeProvider clock, CancellationToken ct) =>
                FhirVersions.HistoryAsync(() => slice.ReadCarePlanAsync(id, user, ct), request, clock.GetUtcNow()))
            .WithName("HistoryFhirCarePlan")
            .RequireScope("CarePlan", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/CarePlan", (HttpRequest request, ClaimsPrincipal user, CarePlanResources slice, CancellationToken ct) => slice.SearchCarePlansAsync(request, user, ct))
            .WithName("SearchFhirCarePlans")
            .RequireScope("CarePlan", 's')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Goal/{id}", (string id, ClaimsPrincipal user, CarePlanResources slice, CancellationToken ct) => slice.ReadGoalAsync(id, user, ct))
            .WithName("ReadFhirGoal")
            .RequireScope("Goal", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Goal", (HttpRequest request, ClaimsPrincipal user, CarePlanResources slice, CancellationToken ct) => slice.SearchGoalsAsync(request, user, ct))
            .WithName("SearchFhirGoals")
            .RequireScope("Goal", 's')
            .RequireAuthorization(Policies.FhirRead);
    }

    public async Task<FhirResult> ReadCarePlanAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var plan = Guid.TryParse(id, out var versionId) ? await PlanOfVersionAsync(versionId, user, "fhir.careplan.read", ct) : null;
        return plan?.Standings.SingleOrDefault(s => s.Version.Id == versionId) is { } standing
            ? new FhirResult(CarePlanMapping.ToCarePlan(standing, plan.People, plan.Questionnaires))
            : FhirOutcome.NotFound($"CarePlan/{id}");
    }

    public async Task<FhirResult> ReadGoalAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var plan = CarePlanMapping.VersionOfGoal(id) is { } versionId ? await PlanOfVersionAsync(versionId, user, "fhir.goal.read", ct) : null;
        var goal = plan?.Standings.SelectMany(s => CarePlanMapping.ToGoals(s, plan.People)).SingleOrDefault(g => g.Id == id);
        return goal is null ? FhirOutcome.NotFound($"Goal/{id}") : new FhirResult(goal);
    }

    public async Task<FhirResult> SearchCarePlansAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => !KnownCarePlan.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"Search parameter '{unknown}' is not supported on CarePlan; supported: {string.Join(", ", KnownCarePlan)}.");
        if (query["_include"].FirstOrDefault(i => i is not ("CarePlan:goal" or "CarePlan:goal:Goal")) is { } include)
            return FhirOutcome.Invalid($"_include={include} is not supported on CarePlan; CarePlan:goal is.");
        var statuses = Tokens(query["status"]);
        if (statuses.FirstOrDefault(s => s is not ("active" or "draft" or "revoked")) is { } status)
            return FhirOutcome.Invalid($"CarePlan status '{status}' never occurs in Varde; a plan version is draft, active (in force) or revoked (replaced).");
        var (plan, problem) = await SearchedPlanAsync(request, user, "fhir.careplan.search", ct);
        if (plan is null)
            return problem!;

        var plans = plan.Standings.OrderByDescending(s => s.Version.Number)
            .Select(s => (Standing: s, Resource: CarePlanMapping.ToCarePlan(s, plan.People, plan.Questionnaires)))
            .Where(p => statuses.Count == 0 || statuses.Contains(p.Resource.Status!.Value.ToString().ToLowerInvariant())).ToList();
        var bundle = plan.Page.NewBundle(request, "CarePlan", plans.Count, clock.GetUtcNow());
        var shown = plan.Page.Of(plans).ToList();
        foreach (var (_, resource) in shown)
            FhirPage.Add(bundle, $"{FhirPaths.Base(request)}/CarePlan/{resource.Id}", resource);
        if (query["_include"].Count > 0)
            foreach (var goal in shown.SelectMany(p => CarePlanMapping.ToGoals(p.Standing, plan.People)))
                bundle.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"{FhirPaths.Base(request)}/Goal/{goal.Id}",
                    Resource = goal,
                    Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include },
                });
        return new FhirResult(bundle);
    }

    public async Task<FhirResult> SearchGoalsAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => !KnownGoal.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"Search parameter '{unknown}' is not supported on Goal; supported: {string.Join(", ", KnownGoal)}.");
        var statuses = Tokens(query["lifecycle-status"]);
        if (statuses.FirstOrDefault(s => s is not ("active" or "proposed" or "cancelled")) is { } status)
            return FhirOutcome.Invalid($"Goal lifecycle-status '{status}' never occurs in Varde; a goal is proposed (draft plan), active (plan in force) or cancelled (replaced).");
        var (plan, problem) = await SearchedPlanAsync(request, user, "fhir.goal.search", ct);
        if (plan is null)
            return problem!;

        var goals = plan.Standings.OrderByDescending(s => s.Version.Number).SelectMany(s => CarePlanMapping.ToGoals(s, plan.People))
            .Where(g => statuses.Count == 0 || statuses.Contains(g.LifecycleStatus!.Value.ToString().ToLowerInvariant())).ToList();
        var bundle = plan.Page.NewBundle(request, "Goal", goals.Count, clock.GetUtcNow());
        foreach (var goal in plan.Page.Of(goals))
            FhirPage.Add(bundle, $"{FhirPaths.Base(request)}/Goal/{goal.Id}", goal);
        return new FhirResult(bundle);
    }

    private sealed record PatientPlan(IReadOnlyList<PlanStanding> Standings, IReadOnlyDictionary<string, CarePlanMapping.Person> People,
        Varde.Domain.Questionnaires.QuestionnaireCatalogue Questionnaires, FhirPage Page);

    private async Task<PatientPlan?> PlanOfVersionAsync(Guid versionId, ClaimsPrincipal user, string purpose, CancellationToken ct)
    {
        var patientId = await db.PlanVersions.AsNoTracking().Where(v => v.Id == versionId).Select(v => (Guid?)v.PatientId).SingleOrDefaultAsync(ct);
        return patientId is { } id ? await PlanAsync(id, user, purpose, new FhirPage(0, FhirPage.Max, null), ct) : null;
    }

    private async Task<(PatientPlan? Plan, FhirResult? Problem)> SearchedPlanAsync(HttpRequest request, ClaimsPrincipal user, string purpose, CancellationToken ct)
    {
        var query = request.Query;
        if (!FhirSubjects.NamesPatient(query))
            return (null, FhirOutcome.Invalid("A search of plans needs patient."));
        var (paging, problem) = FhirPage.Read(query, 50);
        if (paging is null)
            return (null, problem);
        var plan = await FhirSubjects.SearchedPatientAsync(db, query, ct) is { } patientId ? await PlanAsync(patientId, user, purpose, paging, ct) : null;
        return (plan ?? new PatientPlan([], new Dictionary<string, CarePlanMapping.Person>(), await stored.CatalogueAsync(ct), paging), null);
    }

    /// <summary>Every plan version of the patient with the people it names, or null when the caller may not see the patient.</summary>
    private async Task<PatientPlan?> PlanAsync(Guid patientId, ClaimsPrincipal user, string purpose, FhirPage page, CancellationToken ct)
    {
        if (await gate.OpenAsync(user, patientId, purpose, ct) is null)
            return null;
        var versions = await db.PlanVersions.AsNoTracking().Where(v => v.PatientId == patientId).ToListAsync(ct);
        return new PatientPlan(PlanHistory.Of(versions), await CarePlanMapping.PeopleAsync(db, versions, ct), await stored.CatalogueAsync(ct), page);
    }

    private static List<string> Tokens(Microsoft.Extensions.Primitives.StringValues values) =>
        [.. values.SelectMany(v => v!.Split(',')).Select(v => v.Contains('|', StringComparison.Ordinal) ? v[(v.IndexOf('|', StringComparison.Ordinal) + 1)..] : v)];
}
