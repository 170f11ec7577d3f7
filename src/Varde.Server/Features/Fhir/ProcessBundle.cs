using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Server.Auth;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// POST /fhir with a Bundle of type <c>transaction</c> or <c>batch</c> (PMD's batch profile fits): entries that POST
/// Devices and Observations (Observations conditional by <c>request.ifNoneExist</c> if wanted), each through the same
/// handler as a single create. Devices go first, so an Observation's <c>device</c> may be the urn:uuid of a Device entry. A transaction runs in one database transaction: the first entry that fails undoes every entry and
/// the answer names it; a batch answers each entry on its own. Resending a bundle stores nothing new (each entry is
/// matched by its identifier). Each answer entry echoes the sender's fullUrl (urn:uuid included); response.location
/// names the stored Observation.
/// </summary>
public sealed class ProcessBundle(VardeDbContext db, CreateObservation observations, ObservationBatch batch, DeviceResources devices, TimeProvider clock)
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

        if (ObservationBatch.Fits(bundle))
            return await ObservationsAsync(bundle, request, user, ct);
        return bundle.Type == Bundle.BundleType.Transaction
            ? await TransactionAsync(bundle, request, user, ct)
            : await BatchAsync(bundle, request, user, ct);
    }

    // A transaction of Observation creates only: stored together per patient (ObservationBatch), same answers as one by one.
    private async Task<FhirResult> ObservationsAsync(Bundle bundle, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!FhirScopes.Allow(user, "Observation", 'c'))
            return FhirScopes.Missing("Observation", 'c');
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (Unsupported(bundle.Entry[i]) is { } problem)
                return FhirOutcome.Invalid($"Entry {i} ({bundle.Entry[i].FullUrl}): {problem} Nothing was stored.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var (stored, refused) = await batch.StoreAsync(bundle, user, ct);
            if (refused is not null)
            {
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                return NothingStored(refused.Result, refused.Index, bundle.Entry[refused.Index]);
            }

            await transaction.CommitAsync(ct);
            var response = Response(Bundle.BundleType.TransactionResponse);
            response.Entry.AddRange(stored!.OrderBy(e => e.Index).Select(e => Answer(bundle.Entry[e.Index], e.Result, request)));
            return new FhirResult(response);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return FhirOutcome.Error(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict,
                "Another request stored some of these entries at the same moment. Nothing from this bundle was stored; send it again.");
        }
    }

    private async Task<FhirResult> TransactionAsync(Bundle bundle, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            if (Unsupported(bundle.Entry[i]) is { } problem)
                return FhirOutcome.Invalid($"Entry {i} ({bundle.Entry[i].FullUrl}): {problem} Nothing was stored.");
        }

        var response = Response(Bundle.BundleType.TransactionResponse);
        var answers = new Bundle.EntryComponent[bundle.Entry.Count];
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            foreach (var i in DevicesFirst(bundle))
            {
                var entry = bundle.Entry[i];
                var result = await EntryAsync(entry, stored, request, user, ct);
                if (result.Status >= 400)
                {
                    await transaction.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return NothingStored(result, i, entry);
                }

                answers[i] = Answer(entry, result, request);
            }

            await transaction.CommitAsync(ct);
            response.Entry.AddRange(answers);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return FhirOutcome.Error(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict,
                "Another request stored some of these entries at the same moment. Nothing from this bundle was stored; send it again.");
        }

        return new FhirResult(response);
    }

    private async Task<FhirResult> BatchAsync(Bundle bundle, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var response = Response(Bundle.BundleType.BatchResponse);
        var answers = new Bundle.EntryComponent[bundle.Entry.Count];
        var stored = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in DevicesFirst(bundle))
        {
            var entry = bundle.Entry[i];
            FhirResult result;
            if (Unsupported(entry) is { } problem)
            {
                result = FhirOutcome.Invalid(problem);
            }
            else
            {
                try
                {
                    result = await EntryAsync(entry, stored, request, user, ct);
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear();
                    result = FhirOutcome.Error(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, "Stored at the same moment by another request; send it again.");
                }
            }

            answers[i] = Answer(entry, result, request);
        }

        response.Entry.AddRange(answers);
        return new FhirResult(response);
    }

    // A transaction's answer when one entry failed: that entry's outcome, naming it, and that nothing was stored.
    private static FhirResult NothingStored(FhirResult failed, int index, Bundle.EntryComponent entry)
    {
        var outcome = (OperationOutcome)failed.Resource;
        foreach (var issue in outcome.Issue)
            issue.Diagnostics = $"Entry {index} ({entry.FullUrl}): {issue.Diagnostics} Nothing was stored.";
        return new FhirResult(outcome, failed.Status);
    }

    // Devices are stored before the Observations that may refer to them by urn:uuid.
    private static IEnumerable<int> DevicesFirst(Bundle bundle) =>
        Enumerable.Range(0, bundle.Entry.Count).OrderBy(i => bundle.Entry[i].Resource is Device ? 0 : 1);

    private async Task<FhirResult> EntryAsync(Bundle.EntryComponent entry, Dictionary<string, string> stored, HttpRequest request, ClaimsPrincipal user,
        CancellationToken ct)
    {
        var type = entry.Resource!.TypeName;
        if (!FhirScopes.Allow(user, type, 'c'))
            return FhirScopes.Missing(type, 'c');
        FhirResult result;
        if (entry.Resource is Device device)
        {
            result = await devices.CreateAsync(device, request, user, ct);
        }
        else
        {
            var observation = (Observation)entry.Resource!;
            if (observation.Device?.Reference is { } reference && reference.StartsWith("urn:uuid:", StringComparison.Ordinal))
            {
                if (!stored.TryGetValue(reference, out var resolved) || !resolved.StartsWith("Device/", StringComparison.Ordinal))
                    return FhirOutcome.Unprocessable($"Observation.device refers to {reference}, which is no Device entry of this bundle.");
                observation.Device = new ResourceReference(resolved);
            }

            result = await observations.CreateAsync(observation, entry.Request!.IfNoneExist, request, user, ct);
        }

        if (result.Status < 400 && entry.FullUrl is { } fullUrl)
            stored[fullUrl] = $"{result.Resource.TypeName}/{result.Resource.Id}";
        return result;
    }

    private static string? Unsupported(Bundle.EntryComponent entry)
    {
        if (entry.Request is null)
            return "entry.request is required.";
        if (entry.Request.Method != Bundle.HTTPVerb.POST)
            return $"{entry.Request.Method} is not supported in a bundle; POST Observations and Devices.";
        var type = (entry.Request.Url ?? "").Split('?')[0].Trim('/');
        if (!((type == "Observation" && entry.Resource is Observation) || (type == "Device" && entry.Resource is Device)))
            return $"Only Observation and Device entries are supported (got {entry.Resource?.TypeName ?? "no resource"} to '{entry.Request.Url}').";
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
            answer.Resource = result.Resource;
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
