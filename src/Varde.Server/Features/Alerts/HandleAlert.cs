using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Auth;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Alerts;

/// <summary>
/// POST /api/alerts/{id}/handle: records what the nurse did (an action and a note). The reports in the alert count
/// as reviewed. An alert already handled or resolved is a 409.
/// <para>A nurse handles a patient, not an alert: the same request may name the patient's other open alerts
/// (<c>otherAlertIds</c>) and green reports to review (<c>reportIds</c>, at most <see cref="GetAlert.MaxToReview"/>, as
/// <see cref="GetAlert"/> shows them) that were on screen with it. A report with the patient's own words is taken only
/// when the request says their texts were shown (<c>textsRead: true</c>, what the panel sends: it shows them in full);
/// otherwise it is refused by name, as in bulk review (<see cref="PatientWords"/>). All of them get the one action and note, in one transaction, or none
/// do: when one of them was handled by someone else meanwhile, the answer is 409 and nothing is stored. An alert that
/// arrived after the screen was drawn is not named, so it stays open and on the list.</para>
/// </summary>
public sealed class HandleAlert(VardeDbContext db, AlertAccess access, TimeProvider clock)
{
    public const int MaxOthers = 50;

    public sealed record Request(AlertAction? Action, string? Note, IReadOnlyList<Guid>? OtherAlertIds = null, IReadOnlyList<Guid>? ReportIds = null,
        bool TextsRead = false);

    public static void Map(RouteGroupBuilder alerts) =>
        alerts.MapPost("/{alertId:guid}/handle", (Guid alertId, Request request, ClaimsPrincipal user, HandleAlert slice, CancellationToken ct) =>
                slice.HandleAsync(alertId, request, user, ct))
            .WithName(nameof(HandleAlert))
            .RequireAuthorization(Policies.HandleAlerts);

    public async Task<Results<Ok<AlertResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(Guid alertId, Request request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        if (request.Action is not { } action)
            return Invalid("action",
                $"Say what was done: one of {string.Join(", ", Enum.GetNames<AlertAction>().Select(System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName))}.");
        var otherIds = request.OtherAlertIds?.Where(id => id != alertId).Distinct().ToList() ?? [];
        var reportIds = request.ReportIds?.Distinct().ToList() ?? [];
        if (otherIds.Count > MaxOthers)
            return Invalid("otherAlertIds", $"Name at most {MaxOthers} other alerts.");
        if (reportIds.Count > GetAlert.MaxToReview)
            return Invalid("reportIds", $"Name at most {GetAlert.MaxToReview} reports, as the alert shows them.");

        var alert = await access.OpenForChangeAsync(user, alertId, "alert.handle", ct);
        if (alert is null)
            return AlertProblems.NotFound(alertId);
        var others = otherIds.Count == 0 ? [] : await db.Alerts.Where(a => otherIds.Contains(a.Id) && a.PatientId == alert.PatientId).ToListAsync(ct);
        if (others.Count != otherIds.Count)
            return Invalid("otherAlertIds", $"Not alerts of this patient: {string.Join(", ", otherIds.Except(others.Select(a => a.Id)))}.");
        var greens = reportIds.Count == 0
            ? []
            : await db.TriageRecords.Where(r => reportIds.Contains(r.ReportId) && r.PatientId == alert.PatientId && r.AlertId == null
                    && (r.Outcome == TriageOutcome.Green || r.Outcome == TriageOutcome.NoThresholds))
                .ToListAsync(ct);
        if (greens.Count != reportIds.Count)
            return Invalid("reportIds", $"Not green reports of this patient: {string.Join(", ", reportIds.Except(greens.Select(r => r.ReportId)))}.");
        if (!request.TextsRead && (await PatientWords.ForAsync(db, reportIds, ct)).Keys.ToList() is { Count: > 0 } unread)
            return Invalid("reportIds", $"The patient wrote something in {string.Join(", ", unread)}: show the text and say so with textsRead: true, or leave them out.");

        var now = clock.GetUtcNow();
        var actor = Callers.From(user).ActorId;
        foreach (var handled in others.Prepend(alert))
        {
            if (handled.Handle(action, request.Note, actor, now) is not { } refusal)
                continue;
            return handled.IsActive
                ? Invalid("note", refusal)
                : AlertProblems.Conflict(handled == alert ? refusal : $"Another of the patient's alerts changed meanwhile: {refusal} Nothing was stored; reload and try again.");
        }

        var alertIds = others.Select(a => (Guid?)a.Id).Append(alertId).ToList();
        foreach (var record in await db.TriageRecords.Where(r => alertIds.Contains(r.AlertId) && r.ReviewedAt == null).ToListAsync(ct))
            record.MarkReviewed(actor, now);
        var reviewed = greens.Where(r => r.MarkReviewed(actor, now)).Select(r => r.ReportId).ToList();
        foreach (var handled in others.Prepend(alert))
            Outbox.AlertChanged(db, handled, "alert.handled", now);
        if (reviewed.Count > 0)
            Outbox.ReportsReviewed(db, alert.ServiceId, reviewed, now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AlertProblems.Conflict("Someone else changed this alert at the same moment; reload it and try again.");
        }

        return TypedResults.Ok(AlertResponse.From(alert));
    }

    private static ValidationProblem Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });
}
