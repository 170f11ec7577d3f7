using Varde.Domain.Plans;
using Varde.Domain.Services;
using Varde.Domain.Triage;

namespace Varde.Server.Features.Triage;

/// <summary>
/// What the patient is told after sending a yellow or red report: the triage explanation, the plan's instruction for
/// that zone, whether the follow-up service is open now, and for red when it is closed, the emergency numbers: the
/// service is not an emergency service, and the alert waits for the next opening.
/// </summary>
public sealed record PatientInstruction(TriageOutcome Zone, string ExplanationNb, string ExplanationEn, string? PlanInstruction,
    bool ServiceOpen, DateTimeOffset? ServiceOpensAt, string? EmergencyNb, string? EmergencyEn)
{
    public const string EmergencyTextNb = "Oppfølgingstjenesten er stengt nå. Følg planen din for rød sone. Ring legevakt 116 117, eller 113 ved fare for liv.";
    public const string EmergencyTextEn = "The follow-up service is closed now. Follow your plan for the red zone. Call the out-of-hours service 116 117, or 113 if life is at risk.";

    public static PatientInstruction? For(TriageResult result, string subject, PlanVersion? plan, OpeningHours hours, ISet<DateOnly> holidays, DateTimeOffset now)
    {
        if (result.Outcome is not (TriageOutcome.Yellow or TriageOutcome.Red))
            return null;
        var open = hours.IsOpen(now, holidays);
        var closedRed = result.Outcome == TriageOutcome.Red && !open;
        return new(result.Outcome, result.ExplanationNb, result.ExplanationEn, plan?.Rules.Instructions?.For(result.Outcome, subject), open,
            open ? null : hours.NextOpening(now, holidays), closedRed ? EmergencyTextNb : null, closedRed ? EmergencyTextEn : null);
    }
}
