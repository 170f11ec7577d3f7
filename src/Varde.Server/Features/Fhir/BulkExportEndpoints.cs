using System.Globalization;
using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Exports;
using Varde.Domain.Organisations;
using Varde.Server.Auth;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// FHIR Bulk Data export (issue 20 item 7), asynchronous: a kick-off (<c>GET /fhir/$export</c>,
/// <c>/fhir/Patient/$export</c>, <c>/fhir/Group/{service}/$export</c> with <c>Prefer: respond-async</c>, and
/// <c>_type</c>, <c>_since</c>, <c>_outputFormat</c>) answers 202 with a status URL; the status answers 202 while
/// the <see cref="BulkExportJob"/> writes, then the manifest; each file is NDJSON behind the same token. Only the one
/// who asked sees its status and files. A scope to read each exported type is needed. DELETE on the status URL calls
/// it off.
/// </summary>
public sealed class BulkExportEndpoints(VardeDbContext db, TimeProvider clock)
{
    /// <summary>How many unfinished exports one requester may have at once.</summary>
    public const int MostWaiting = 3;

    private static readonly string[] Known = ["_type", "_since", "_outputFormat", "_format"];
    private static readonly string[] NdjsonFormats = ["application/fhir+ndjson", "application/ndjson", "ndjson"];

    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/$export", (HttpRequest request, ClaimsPrincipal user, BulkExportEndpoints slice, CancellationToken ct) =>
                slice.KickOffAsync(request, user, BulkExportLevel.System, null, ct))
            .WithName("FhirSystemExport")
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Patient/$export", (HttpRequest request, ClaimsPrincipal user, BulkExportEndpoints slice, CancellationToken ct) =>
                slice.KickOffAsync(request, user, BulkExportLevel.Patient, null, ct))
            .WithName("FhirPatientExport")
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Group/{id}/$export", (string id, HttpRequest request, ClaimsPrincipal user, BulkExportEndpoints slice, CancellationToken ct) =>
                slice.KickOffAsync(request, user, BulkExportLevel.Group, id, ct))
            .WithName("FhirGroupExport")
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/$export-status/{id:guid}", (Guid id, HttpRequest request, HttpResponse response, ClaimsPrincipal user, BulkExportEndpoints slice,
                CancellationToken ct) => slice.StatusAsync(id, request, response, user, ct))
            .WithName("FhirExportStatus")
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapDelete("/$export-status/{id:guid}", (Guid id, ClaimsPrincipal user, BulkExportEndpoints slice, CancellationToken ct) =>
                slice.CancelAsync(id, user, ct))
            .WithName("FhirExportCancel")
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/$export-file/{id:guid}/{number:int}", (Guid id, int number, ClaimsPrincipal user, BulkExportEndpoints slice, CancellationToken ct) =>
                slice.FileAsync(id, number, user, ct))
            .WithName("FhirExportFile")
            .WithMetadata(new FhirFormat.AnswersNdjson())
            .RequireAuthorization(Policies.FhirRead);
    }

    public async Task<IResult> KickOffAsync(HttpRequest request, ClaimsPrincipal user, BulkExportLevel level, string? groupId, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"'{unknown}' is not supported on $export; supported: {string.Join(", ", Known)}.");
        if (!request.Headers["Prefer"].ToString().Contains("respond-async", StringComparison.OrdinalIgnoreCase))
            return FhirOutcome.Invalid("$export runs asynchronously: send 'Prefer: respond-async'.");
        if (query["_outputFormat"].FirstOrDefault() is { } format && !NdjsonFormats.Contains(format))
            return FhirOutcome.Invalid($"_outputFormat '{format}' is not served; Varde writes application/fhir+ndjson.");
        DateTimeOffset? since = null;
        if (query["_since"].FirstOrDefault() is { } sinceText)
        {
            if (!DateTimeOffset.TryParse(sinceText, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) || !sinceText.Contains('T', StringComparison.Ordinal))
                return FhirOutcome.Invalid("_since is a FHIR instant with a zone, e.g. 2026-11-01T00:00:00Z.");
            since = parsed;
        }

        var types = query["_type"].SelectMany(t => t!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        var exported = types.Count == 0 ? BulkExport.ResourceTypes : types;
        if (exported.FirstOrDefault(t => BulkExport.ResourceTypes.Contains(t) && !FhirScopes.Allow(user, t, 'r')) is { } unreadable)
            return FhirScopes.Missing(unreadable, 'r');
        Guid? group = null;
        if (level == BulkExportLevel.Group)
        {
            var isService = Guid.TryParse(groupId, out var serviceId)
                && await db.Organisations.AnyAsync(o => o.Id == serviceId && o.Kind == OrganisationKind.FollowUpService, ct);
            if (!isService)
                return FhirOutcome.NotFound($"Group/{groupId} (a group is a follow-up service)");
            group = serviceId;
        }

        var caller = Callers.From(user);
        var unfinished = await db.BulkExports.CountAsync(e => e.RequestedBy == caller.ActorId
            && (e.State == BulkExportState.Accepted || e.State == BulkExportState.Running), ct);
        if (unfinished >= MostWaiting)
            return FhirOutcome.Error(StatusCodes.Status429TooManyRequests, OperationOutcome.IssueType.Throttled,
                $"You have {unfinished} exports that are not finished; wait for them or call one off (DELETE its status URL).");
        var now = clock.GetUtcNow();
        var asked = BulkExport.Ask(Guid.CreateVersion7(now), caller, level, group, since, types, $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}", now);
        if (!asked.IsValid)
            return FhirOutcome.Invalid(string.Join(" ", asked.Errors.Select(e => e.Message)));
        db.BulkExports.Add(asked.Value);
        await db.SaveChangesAsync(ct);
        request.HttpContext.Response.Headers.ContentLocation = $"{FhirPaths.Base(request)}/$export-status/{asked.Value.Id}";
        var accepted = new OperationOutcome();
        accepted.Issue.Add(new OperationOutcome.IssueComponent
        {
            Severity = OperationOutcome.IssueSeverity.Information,
            Code = OperationOutcome.IssueType.Informational,
            Diagnostics = "The export is accepted; follow Content-Location for its status.",
        });
        return new FhirResult(accepted, StatusCodes.Status202Accepted);
    }

    public async Task<IResult> StatusAsync(Guid id, HttpRequest request, HttpResponse response, ClaimsPrincipal user, CancellationToken ct)
    {
        var export = await OwnAsync(id, user, ct);
        if (export is null || export.State == BulkExportState.Cancelled || export.IsExpired(clock.GetUtcNow()))
            return FhirOutcome.NotFound($"Export {id}");
        switch (export.State)
        {
            case BulkExportState.Accepted or BulkExportState.Running:
                response.Headers["X-Progress"] = export.State == BulkExportState.Running ? "writing" : "waiting";
                response.Headers.RetryAfter = "5";
                return TypedResults.Accepted((string?)null);
            case BulkExportState.Failed:
                return FhirOutcome.Error(StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception, export.Error ?? "The export failed.");
        }

        response.Headers.Expires = export.FinishedAt!.Value.Add(BulkExport.KeptFor).ToString("R", CultureInfo.InvariantCulture);
        var files = await db.BulkExportFiles.AsNoTracking().Where(f => f.ExportId == id).OrderBy(f => f.Number)
            .Select(f => new { f.Number, f.ResourceType, f.Count }).ToListAsync(ct);
        return TypedResults.Json(new Manifest(
            export.RequestedAt.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture),
            export.Request,
            RequiresAccessToken: true,
            [.. files.Select(f => new ManifestFile(f.ResourceType, $"{FhirPaths.Base(request)}/$export-file/{id}/{f.Number}", f.Count))],
            []));
    }

    public async Task<IResult> CancelAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var export = await OwnAsync(id, user, ct, withFiles: true);
        if (export is null || export.State == BulkExportState.Cancelled)
            return FhirOutcome.NotFound($"Export {id}");
        export.Cancel(clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return FhirOutcome.Error(StatusCodes.Status409Conflict, OperationOutcome.IssueType.Conflict, "The export changed meanwhile; try again.");
        }

        return TypedResults.Accepted((string?)null);
    }

    public async Task<IResult> FileAsync(Guid id, int number, ClaimsPrincipal user, CancellationToken ct)
    {
        var export = await OwnAsync(id, user, ct);
        if (export is null || export.State != BulkExportState.Completed || export.IsExpired(clock.GetUtcNow()))
            return FhirOutcome.NotFound($"Export file {id}/{number}");
        var content = await db.BulkExportFiles.AsNoTracking().Where(f => f.ExportId == id && f.Number == number).Select(f => f.Content).SingleOrDefaultAsync(ct);
        return content is null ? FhirOutcome.NotFound($"Export file {id}/{number}") : TypedResults.Text(content, "application/fhir+ndjson");
    }

    /// <summary>The manifest of a finished export, as Bulk Data Access 2.0 writes it.</summary>
    public sealed record Manifest(string TransactionTime, string Request, bool RequiresAccessToken, IReadOnlyList<ManifestFile> Output, IReadOnlyList<ManifestFile> Error);

    public sealed record ManifestFile(string Type, string Url, int Count);

    private async Task<BulkExport?> OwnAsync(Guid id, ClaimsPrincipal user, CancellationToken ct, bool withFiles = false)
    {
        var actor = Callers.From(user).ActorId;
        IQueryable<BulkExport> exports = withFiles ? db.BulkExports.Include(e => e.Files) : db.BulkExports;
        return await exports.SingleOrDefaultAsync(e => e.Id == id && e.RequestedBy == actor, ct);
    }
}
