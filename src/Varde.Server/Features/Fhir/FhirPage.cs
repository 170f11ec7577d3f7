using System.Globalization;
using Hl7.Fhir.Model;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// One page of a search, as every FHIR search in Varde reads and answers it: <c>_count</c> (a whole number from 0;
/// above <see cref="Max"/> it is capped, never refused — Medplum asks for 1000 by default — and the bundle carries a
/// warning saying so) and <c>_offset</c>; the searchset bundle with its total and self, next and previous links.
/// </summary>
public sealed record FhirPage(int Offset, int Count, int? CappedFrom)
{
    /// <summary>
    /// The time a walk through the pages began (<c>_asOf</c> in the paging links): the search sees only what was stored by
    /// then, so readings and alerts that arrive during the walk do not shift the offsets and no entry comes twice.
    /// </summary>
    public DateTimeOffset? AsOf { get; init; }

    /// <summary>The most entries one page holds.</summary>
    public const int Max = 500;

    /// <summary>
    /// The result parameters every search takes: paging, <c>_format</c>, <c>_summary</c> (<c>count</c>: the total only;
    /// <c>false</c>: everything), <c>_total</c> (the total is always exact) and <c>_elements</c> (<see cref="FhirElements"/>).
    /// </summary>
    public static readonly string[] Parameters = ["_count", "_offset", "_format", "_summary", "_total", "_elements", "_asOf"];

    /// <summary>The page the query asks for, or the OperationOutcome that says why it is not a page.</summary>
    public static (FhirPage? Page, FhirResult? Problem) Read(IQueryCollection query, int defaultCount)
    {
        var count = defaultCount;
        if (query["_count"].FirstOrDefault() is { } countText && !int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out count))
            return (null, FhirOutcome.Invalid($"_count is a whole number from 0 (at most {Max} are given)."));
        var offset = 0;
        if (query["_offset"].FirstOrDefault() is { } offsetText && !int.TryParse(offsetText, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            return (null, FhirOutcome.Invalid("_offset is a whole number from 0."));
        DateTimeOffset? asOf = null;
        if (query["_asOf"].FirstOrDefault() is { } asOfText)
        {
            if (!DateTimeOffset.TryParse(asOfText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                return (null, FhirOutcome.Invalid("_asOf is the instant the paging links carry; follow them as they are."));
            asOf = parsed;
        }

        if (query["_total"].FirstOrDefault() is { } total && total is not ("none" or "estimate" or "accurate"))
            return (null, FhirOutcome.Invalid("_total is none, estimate or accurate (Varde always counts exactly)."));
        switch (query["_summary"].FirstOrDefault())
        {
            case null or "false":
                break;
            case "count":
                return (new FhirPage(offset, 0, null) { AsOf = asOf }, null);
            case var summary:
                return (null, FhirOutcome.Invalid($"_summary={summary} is not supported; count and false are (and _elements for a subset)."));
        }

        return ((count > Max ? new FhirPage(offset, Max, count) : new FhirPage(offset, count, null)) with { AsOf = asOf }, null);
    }

    /// <summary>This page's entries of everything found (for a search done in memory).</summary>
    public IEnumerable<T> Of<T>(IEnumerable<T> all) => all.Skip(Offset).Take(Count);

    /// <summary>This page as of <paramref name="now"/> when the walk begins here; a page of a walk keeps its time.</summary>
    public FhirPage Fixed(DateTimeOffset now) => AsOf is null ? this with { AsOf = now } : this;

    /// <summary>The searchset bundle for this page: total, links to this, the next and the previous page (with <see cref="AsOf"/>), and the capping warning.</summary>
    public Bundle NewBundle(HttpRequest request, string type, int total, DateTimeOffset now)
    {
        var bundle = new Bundle { Type = Hl7.Fhir.Model.Bundle.BundleType.Searchset, Total = total, Meta = new Meta { LastUpdated = now } };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = FhirPaths.Page(request, type, Offset, Count) });
        if (Count > 0 && Offset + Count < total)
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = FhirPaths.Page(request, type, Offset + Count, Count, AsOf) });
        if (Offset > 0 && Count > 0)
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "previous", Url = FhirPaths.Page(request, type, Math.Max(0, Offset - Count), Count, AsOf) });
        if (CappedFrom is { } asked)
        {
            var warning = new OperationOutcome();
            warning.Issue.Add(new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Warning,
                Code = OperationOutcome.IssueType.TooCostly,
                Diagnostics = $"_count={asked} was capped to {Max}: follow the next link for the rest.",
            });
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = "urn:uuid:" + Guid.NewGuid(),
                Resource = warning,
                Search = new Bundle.SearchComponent { Mode = Hl7.Fhir.Model.Bundle.SearchEntryMode.Outcome },
            });
        }

        return bundle;
    }

    /// <summary>Adds a found resource to the page's bundle.</summary>
    public static void Add(Bundle bundle, string fullUrl, Resource resource) =>
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = fullUrl, Resource = resource, Search = new Bundle.SearchComponent { Mode = Hl7.Fhir.Model.Bundle.SearchEntryMode.Match } });
}
