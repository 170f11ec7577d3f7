using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Administration;
using Varde.Domain.Statistics;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;
using Varde.Server.Features.Patients;
using Microsoft.AspNetCore.Mvc;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// POST /api/services/{id}/service-use?source=: the service's coordinator imports a registry extract of its patients'
/// monthly service use (<see cref="ServiceUseFile"/>). A malformed line refuses the whole file (each one named by its
/// line number). Identity numbers are matched to the service's own patients, whom the coordinator may see (each one
/// matched is written to the access log); lines of no patient of the service are reported by line number and not
/// stored. A month imported again replaces what differs and leaves the rest, so the same file twice changes nothing.
/// The answer and the audit entry hold counts and line numbers only, never an identity number.
/// </summary>
public sealed class ImportServiceUse(VardeDbContext db, AdminAudit audit, PatientAccessGate gate, TimeProvider clock)
{
    /// <summary>What a file did: figures added, changed and already there, and the lines of no patient of the service.</summary>
    public sealed record Imported(int Lines, int Added, int Changed, int Unchanged, IReadOnlyList<int> UnmatchedLines);

    public abstract record Outcome
    {
        public sealed record Done(Imported Result) : Outcome;

        public sealed record Refused(string Field, IReadOnlyList<string> Messages) : Outcome;

        public sealed record NotYourService : Outcome;
    }

    public static void Map(RouteGroupBuilder services) =>
        services.MapPost("/{serviceId:guid}/service-use", async Task<Results<Ok<Imported>, ValidationProblem, ProblemHttpResult>> (Guid serviceId, string? source,
                HttpRequest request, ClaimsPrincipal user, ImportServiceUse slice, CancellationToken ct) =>
                await slice.HandleAsync(serviceId, source, await UploadedText.ReadAsync(request, ct), user, ct) switch
                {
                    Outcome.Done done => TypedResults.Ok(done.Result),
                    Outcome.Refused refused => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refused.Field] = [.. refused.Messages] }),
                    _ => Alerts.AlertProblems.ServiceNotFound(serviceId),
                })
            .Accepts<string>("text/csv")
            .WithMetadata(new RequestSizeLimitAttribute(UploadedText.Largest))
            .WithName(nameof(ImportServiceUse))
            .RequireAuthorization(Policies.ImportServiceUse);

    public async Task<Outcome> HandleAsync(Guid serviceId, string? source, string? file, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Alerts.ServiceAccess.WorksFor(user, serviceId))
            return new Outcome.NotYourService();
        if (string.IsNullOrWhiteSpace(source) || source.Trim().Length > 500)
            return new Outcome.Refused("source", ["Say where the extract comes from (source=, 1–500 characters), e.g. \"NPR og KPR, uttrekk 2026-03\"."]);
        if (file is null)
            return new Outcome.Refused("file", [$"The file is larger than {UploadedText.Largest / (1024 * 1024)} MB."]);
        var read = ServiceUseFile.Parse(file);
        if (!read.IsValid)
            return new Outcome.Refused("file", [.. read.Errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"Line {e.Line}: {e.Message}"))]);

        var patients = await db.Patients.AsNoTracking().Where(p => p.FollowUpServiceId == serviceId).Select(p => new { p.Id, p.IdentityNumber })
            .ToDictionaryAsync(p => p.IdentityNumber, p => p.Id, ct);
        var matched = read.Lines.Where(l => patients.ContainsKey(l.IdentityNumber)).ToList();
        var months = matched.Select(l => l.Month).Distinct().ToList();
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var stored = (await db.ServiceUse.Where(u => db.Patients.Where(p => p.FollowUpServiceId == serviceId).Select(p => p.Id).Contains(u.PatientId)
                && months.Contains(u.Month)).ToListAsync(ct))
            .ToDictionary(u => (u.PatientId, u.Month, u.Kind));
        var (added, changed, unchanged) = (0, 0, 0);
        foreach (var line in matched)
        {
            foreach (var (kind, amount) in line.Amounts)
            {
                var key = (patients[line.IdentityNumber], line.Month, kind);
                if (stored.TryGetValue(key, out var existing) && existing.Amount == amount)
                {
                    unchanged++;
                    continue;
                }

                if (existing is not null)
                {
                    existing.Replace(amount, source.Trim(), now);
                    changed++;
                }
                else
                {
                    db.ServiceUse.Add(new ServiceUseMonth(key.Item1, line.Month, kind, amount, source.Trim(), now));
                    added++;
                }
            }
        }

        var result = new Imported(read.Lines.Count, added, changed, unchanged, [.. read.Lines.Where(l => !patients.ContainsKey(l.IdentityNumber)).Select(l => l.Number)]);
        gate.Stage(Callers.From(user), matched.Select(l => patients[l.IdentityNumber]).Distinct(), "service-use.import", AccessOutcome.Allowed);
        audit.Stage(user, AdminEntityKinds.ServiceUse, Guid.CreateVersion7(now), AdminActions.Imported, null,
            new { Source = source.Trim(), result.Lines, result.Added, result.Changed, result.Unchanged, Unmatched = result.UnmatchedLines.Count });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Outcome.Done(result);
    }
}
