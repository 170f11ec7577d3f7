using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Varde.Data;
using Task = System.Threading.Tasks.Task;
using Varde.Server.Auth;
using Varde.Server.Features.Triage;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// POST /fhir with a Bundle of type <c>transaction</c> or <c>batch</c> (PMD's batch profile fits): entries that POST
/// Devices, Observations and QuestionnaireResponses (conditional by <c>request.ifNoneExist</c> if wanted; subjects by
/// reference or by fødselsnummer/D-nummer). Devices go first, so an Observation's <c>device</c> may be the urn:uuid of a
/// Device entry. The reports take the one intake path together (<see cref="FhirIntake"/>, <see cref="ReportIntake"/>):
/// each patient's readings are judged together and everything is stored in one database transaction. A transaction is
/// all or nothing (the Devices included): the first entry that fails undoes every entry and the answer names it; a
/// batch answers each entry on its own. Resending a bundle stores nothing new (each entry is matched by its
/// identifier). Each answer entry echoes the sender's fullUrl (urn:uuid included); response.location names the stored
/// resource.
/// </summary>
public sealed class ProcessBundle(VardeDbContext db, FhirIntake intake, DeviceResources devices, TimeProvider clock)
{
    public const int MaxEntries = 1000;

    public static void Map(RouteGroupBuilder fhir) =>
        fhir.MapPost("", (HttpRequest request, ClaimsPrincipal user, ProcessBundle slice, CancellationToken ct) => slice.HandleAsync(request, user, ct))
            .WithName(nameof(ProcessBundle))
            .RequireAuthorization(Policies.FhirWrite);

    public async Task<FhirResult> HandleAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var parsed = await FhirJson.ReadAsync<Bundle>(request, ct);
        if (parsed.Problem is not null)
            return parsed.Problem;
        var bundle = parsed.Resource!;
        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Batch))
            return FhirOutcome.Invalid($"POST /fhir takes a Bundle of type transaction or batch; got {bundle.Type?.ToString() ?? "no type"}.");
        if (bundle.Entry.Count > MaxEntries)
            return FhirOutcome.Error(StatusCodes.Status413PayloadTooLarge, OperationOutcome.IssueType.TooCostly, $"A bundle has at most {MaxEntries} entries.");
        var duplicate = bundle.Entry.Where(e => e.FullUrl is not null).GroupBy(e => e.FullUrl).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            return FhirOutcome.Invalid($"fullUrl {duplicate.Key} is used by more than one entry.");

        return bundle.Type == Bundle.BundleType.Transaction
            ? await TransactionAsync(bundle, request, user, ct)
            : await BatchAsync(bundle, request, user, ct);
    }

    private async Task<FhirResult> TransactionAsync(Bundle bundle, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (Unsupported(bundle.Entry[i]) is { } problem)
                return FhirOutcome.Invalid($"Entry {i} ({bundle.Entry[i].FullUrl}): {problem} Nothing was stored.");
            if (!FhirScopes.Allow(user, bundle.Entry[i].Resource!.TypeName, 'c'))
                return FhirScopes.Missing(bundle.Entry[i].Resource!.TypeName, 'c');
        }

        var answers = new FhirResult?[bundle.Entry.Count];
        var deviceEntries = Enumerable.Range(0, bundle.Entry.Count).Where(i => bundle.Entry[i].Resource is Device).ToList();
        var reportEntries = Enumerable.Range(0, bundle.Entry.Count).Where(i => bundle.Entry[i].Resource is not Device).ToList();
        // The Devices are created inside the reports' transaction, so a refused report undoes them too.
        async Task<IReadOnlyDictionary<string, Guid>?> DevicesFirst(CancellationToken token) =>
            await CreateDevicesAsync(bundle, deviceEntries, answers, request, user, stopAtFirstRefusal: true, token);

        if (reportEntries.Count == 0)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (await DevicesFirst(ct) is not null)
                await transaction.CommitAsync(ct);
        }
        else
        {
            // Without Devices to create the bundle may be taken in with others waiting (group commit, ADR 0038).
            var reports = await intake.TakeInAsync([.. reportEntries.Select(i => Entry(bundle.Entry[i]))], Callers.From(user), IntakeMode.AllOrNothing, request, ct,
                deviceEntries.Count > 0 ? DevicesFirst : null);
            foreach (var (i, answer) in reportEntries.Zip(reports))
                answers[i] = answer;
        }

        var failed = Enumerable.Range(0, answers.Length).FirstOrDefault(i => answers[i] is { Status: >= 400 }, -1);
        if (failed >= 0)
            return NothingStored(answers[failed]!, failed, bundle.Entry[failed]);
        var response = Response(Bundle.BundleType.TransactionResponse);
        response.Entry.AddRange(answers.Select((a, i) => Answer(bundle.Entry[i], a!, request)));
        return new FhirResult(response);
    }

    private async Task<FhirResult> BatchAsync(Bundle bundle, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var answers = new FhirResult?[bundle.Entry.Count];
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            if (Unsupported(entry) is { } problem)
                answers[i] = FhirOutcome.Invalid(problem);
            else if (!FhirScopes.Allow(user, entry.Resource!.TypeName, 'c'))
                answers[i] = FhirScopes.Missing(entry.Resource!.TypeName, 'c');
        }

        var deviceEntries = Enumerable.Range(0, bundle.Entry.Count).Where(i => answers[i] is null && bundle.Entry[i].Resource is Device).ToList();
        var names = (await CreateDevicesAsync(bundle, deviceEntries, answers, request, user, stopAtFirstRefusal: false, ct))!;
        var reportEntries = Enumerable.Range(0, bundle.Entry.Count).Where(i => answers[i] is null && bundle.Entry[i].Resource is not Device).ToList();
        if (reportEntries.Count > 0)
        {
            var reports = await intake.TakeInAsync([.. reportEntries.Select(i => Entry(bundle.Entry[i]))], Callers.From(user), IntakeMode.EachOnItsOwn, request, ct,
                deviceEntries.Count > 0 ? _ => Task.FromResult<IReadOnlyDictionary<string, Guid>?>(names) : null);
            foreach (var (i, answer) in reportEntries.Zip(reports))
                answers[i] = answer;
        }

        var response = Response(Bundle.BundleType.BatchResponse);
        response.Entry.AddRange(answers.Select((a, i) => Answer(bundle.Entry[i], a!, request)));
        return new FhirResult(response);
    }

    // Registers the Device entries (a Device already registered is answered 200); returns the new ids by fullUrl, or
    // null at the first refusal when the bundle is all or nothing.
    private async Task<IReadOnlyDictionary<string, Guid>?> CreateDevicesAsync(Bundle bundle, List<int> entries, FhirResult?[] answers, HttpRequest request,
        ClaimsPrincipal user, bool stopAtFirstRefusal, CancellationToken ct)
    {
        var names = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var i in entries)
        {
            var result = await devices.CreateAsync((Device)bundle.Entry[i].Resource!, request, user, ct);
            answers[i] = result;
            if (result.Status >= 400 && stopAtFirstRefusal)
                return null;
            if (result.Status < 400 && bundle.Entry[i].FullUrl is { } fullUrl)
                names[fullUrl] = Guid.Parse(result.Resource.Id!);
        }

        return names;
    }

    private static FhirIntake.Entry Entry(Bundle.EntryComponent entry) => new(entry.Resource!, entry.Request!.IfNoneExist);

    // A transaction's answer when one entry failed: that entry's outcome, naming it, and that nothing was stored.
    private static FhirResult NothingStored(FhirResult failed, int index, Bundle.EntryComponent entry)
    {
        var outcome = (OperationOutcome)failed.Resource;
        foreach (var issue in outcome.Issue)
            issue.Diagnostics = $"Entry {index} ({entry.FullUrl}): {issue.Diagnostics} Nothing was stored.";
        return new FhirResult(outcome, failed.Status);
    }

    private static string? Unsupported(Bundle.EntryComponent entry)
    {
        if (entry.Request is null)
            return "entry.request is required.";
        if (entry.Request.Method != Bundle.HTTPVerb.POST)
            return $"{entry.Request.Method} is not supported in a bundle; POST Observations, QuestionnaireResponses and Devices.";
        var type = (entry.Request.Url ?? "").Split('?')[0].Trim('/');
        if (!((type == "Observation" && entry.Resource is Observation) || (type == "Device" && entry.Resource is Device)
                || (type == "QuestionnaireResponse" && entry.Resource is QuestionnaireResponse)))
            return $"Only Observation, QuestionnaireResponse and Device entries are supported (got {entry.Resource?.TypeName ?? "no resource"} to '{entry.Request.Url}').";
        return null;
    }

    private Bundle Response(Bundle.BundleType type) =>
        new() { Type = type, Id = Guid.NewGuid().ToString(), Meta = new Meta { LastUpdated = clock.GetUtcNow() } };

    private static Bundle.EntryComponent Answer(Bundle.EntryComponent entry, FhirResult result, HttpRequest request)
    {
        var answer = new Bundle.EntryComponent
        {
            // The sender's own fullUrl (often urn:uuid) is echoed so it can match answers to entries (as PMD's batch asks).
            FullUrl = entry.FullUrl ?? (result.Status < 400 ? $"{FhirPaths.Base(request)}/{result.Resource.TypeName}/{result.Resource.Id}" : null),
            Response = new Bundle.ResponseComponent { Status = $"{result.Status} {ReasonPhrases.GetReasonPhrase(result.Status)}" },
        };
        if (result.Status < 400)
        {
            var prefer = FhirPrefer.Of(request);
            if (prefer == FhirPrefer.Return.Representation)
                answer.Resource = result.Resource;
            else if (prefer == FhirPrefer.Return.OperationOutcome)
                answer.Response.Outcome = FhirPrefer.Outcome(result);
            answer.Response.Location = $"{result.Resource.TypeName}/{result.Resource.Id}/_history/1";
            answer.Response.Etag = "W/\"1\"";
            answer.Response.LastModified = result.Resource.Meta?.LastUpdated;
        }
        else
        {
            answer.Response.Outcome = result.Resource;
        }

        return answer;
    }
}
