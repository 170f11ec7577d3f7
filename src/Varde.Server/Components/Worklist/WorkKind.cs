using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Features.Alerts;

namespace Varde.Server.Components.Worklist;

/// <summary>What a worklist item asks of the nurse, in the order the list shows them.</summary>
public enum WorkKind
{
    Red,
    Yellow,

    /// <summary>A message from the patient: read and answered (or marked handled) on its own; ordered with yellow by waiting time.</summary>
    Message,
    CheckMeasurement,
    Missing,
    Review,
}

public static class WorkKinds
{
    public static WorkKind Of(GetWorklist.Item item) => item.Kind switch
    {
        "review" => WorkKind.Review,
        "message" => WorkKind.Message,
        _ => Of(item.Category, item.Zone),
    };

    /// <summary>Where a kind goes in the list: a message from the patient waits with the yellows, the longest waiting first.</summary>
    public static int Order(WorkKind kind) => kind == WorkKind.Message ? (int)WorkKind.Yellow : (int)kind;

    public static WorkKind Of(AlertCategory? category, TriageOutcome zone) => (category, zone) switch
    {
        (null, _) => WorkKind.Review,
        (AlertCategory.CheckMeasurement, _) => WorkKind.CheckMeasurement,
        (AlertCategory.MissingReport, _) => WorkKind.Missing,
        (_, TriageOutcome.Red) => WorkKind.Red,
        _ => WorkKind.Yellow,
    };
}
