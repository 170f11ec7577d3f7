using Varde.Server.Features.Alerts;

namespace Varde.Server.Components.Worklist;

/// <summary>
/// One patient on the worklist: the most urgent item leads (its kind, reason and waiting time are what the row shows)
/// and the rest come along, so a patient with a red and two yellows is one row, not three.
/// </summary>
public sealed record WorklistRow(GetWorklist.PatientDto Patient, GetWorklist.Item Lead, IReadOnlyList<GetWorklist.Item> Items)
{
    public WorkKind Kind => WorkKinds.Of(Lead);

    public IEnumerable<GetWorklist.Item> Others => Items.Where(i => i != Lead);

    /// <summary>Reports that may be reviewed in bulk: those without the patient's own words.</summary>
    public IReadOnlyList<Guid> ReportsToReview =>
        Items.Where(i => i is { Kind: "review", ReportId: not null, PatientText: null }).Select(i => i.ReportId!.Value).ToList();

    /// <summary>Reports with the patient's own words: each is shown and marked read on its own, never in bulk.</summary>
    public IReadOnlyList<GetWorklist.Item> ReportsToRead => Items.Where(i => i is { Kind: "review", ReportId: not null, PatientText: not null }).ToList();

    /// <summary>Messages from the patient waiting for the service: read and answered on the patient page, never in bulk.</summary>
    public IReadOnlyList<GetWorklist.Item> Messages => Items.Where(i => i is { Kind: "message" }).ToList();

    /// <summary>
    /// Groups the items that pass the filter into one row per patient, most urgent first: red, then yellow, then
    /// check-measurement and missing reports, then reports to review (a message from the patient waits with the yellows); within a kind, the longest waiting first.
    /// </summary>
    public static IReadOnlyList<WorklistRow> Build(IEnumerable<GetWorklist.Item> items, WorklistFilter filter, string myActorId) =>
        items.Where(i => filter.Lets(i, myActorId))
            .GroupBy(i => i.Patient.Id)
            .Select(g =>
            {
                var ordered = g.OrderBy(i => WorkKinds.Order(WorkKinds.Of(i))).ThenBy(i => i.WaitingSince).ToList();
                return new WorklistRow(ordered[0].Patient, ordered[0], ordered);
            })
            .OrderBy(r => WorkKinds.Order(r.Kind)).ThenBy(r => r.Lead.WaitingSince).ThenBy(r => r.Patient.Name, StringComparer.Ordinal)
            .ToList();
}
