using Varde.Domain.Alerts;
using Varde.Domain.Triage;
using Varde.Server.Features.Alerts;

namespace Varde.Server.Components.Worklist;

/// <summary>What a worklist item asks of the nurse, in the order the list shows them.</summary>
public enum WorkKind
{
    Red,
    Yellow,
    CheckMeasurement,
    Missing,
    Review,
}

public static class WorkKinds
{
    public static WorkKind Of(GetWorklist.Item item) => item.Kind == "review" ? WorkKind.Review : Of(item.Category, item.Zone);

    public static WorkKind Of(AlertCategory? category, TriageOutcome zone) => (category, zone) switch
    {
        (null, _) => WorkKind.Review,
        (AlertCategory.CheckMeasurement, _) => WorkKind.CheckMeasurement,
        (AlertCategory.MissingReport, _) => WorkKind.Missing,
        (_, TriageOutcome.Red) => WorkKind.Red,
        _ => WorkKind.Yellow,
    };
}
