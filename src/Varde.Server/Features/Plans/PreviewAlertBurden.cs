using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Data;
using Varde.Domain.Plans;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;
using Varde.Server.Features.Questionnaires;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Plans;

/// <summary>
/// POST /api/patients/{id}/plan/burden-preview: what a proposed plan (thresholds, and rules or the newest version's
/// rules) would have meant over the patient's last days, against the version in force: reports, yellow, red and alert
/// episodes for each (<see cref="BurdenPreview"/>). Nothing is stored.
/// </summary>
public sealed class PreviewAlertBurden(VardeDbContext db, PatientAccessGate gate, TimeProvider clock, StoredQuestionnaires stored)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 90;

    public sealed record Request(IReadOnlyList<QuantityThreshold>? Thresholds, PlanRules? Rules = null, int? Days = null);

    public sealed record Response(DateTimeOffset From, DateTimeOffset To, int? CurrentVersion, Burden Current, Burden Proposed);

    public static void Map(RouteGroupBuilder patients) =>
        patients.MapPost("/{patientId:guid}/plan/burden-preview", (Guid patientId, Request request, ClaimsPrincipal user, PreviewAlertBurden slice,
                CancellationToken ct) => slice.HandleAsync(patientId, request, user, ct))
            .WithName(nameof(PreviewAlertBurden))
            .RequireAuthorization(Policies.EditPlans);

    public async Task<Results<Ok<Response>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid patientId, Request request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (request.Days is < 1 or > MaxDays)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["days"] = [$"Give 1–{MaxDays} days."] });
        if (await gate.OpenAsync(user, patientId, "plan.burden-preview", ct) is null)
            return PatientProblems.NotFound(patientId);

        var to = clock.GetUtcNow();
        var from = to.AddDays(-(request.Days ?? DefaultDays));
        var current = await CurrentPlanVersion.InForceAsync(db, patientId, ct);
        var newest = await CurrentPlanVersion.NewestAsync(db, patientId, ct);
        var proposed = PlanVersion.First(Guid.Empty, patientId, [.. request.Thresholds ?? []], "preview", from, null, request.Rules ?? newest?.Rules);
        if (!proposed.IsValid)
            return TypedResults.ValidationProblem(proposed.ErrorsByField());
        var questionnaires = await stored.CatalogueAsync(ct);
        if (QuestionnaireReferences.Check(proposed.Value.Rules, questionnaires, newest?.Rules) is { Count: > 0 } unknown)
            return TypedResults.ValidationProblem(Domain.ValidationError.ByField(unknown));

        var reports = (await PatientReports.LoadAsync(db, patientId, new PatientReports.Window(from, null), ct)).Where(r => r.Report.EffectiveAt <= to).Select(r => r.Report).ToList();
        var (currentBurden, proposedBurden) = BurdenPreview.Compare(reports, current, proposed.Value, questionnaires);
        return TypedResults.Ok(new Response(from, to, current?.Number, currentBurden, proposedBurden));
    }
}
