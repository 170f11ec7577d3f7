using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Administration;
using Varde.Domain.Statistics;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// POST /api/admin/population?source=: an administrator imports Statistics Norway's table 07459 (population by
/// municipality, sex, age and year) as saved from its Statbank as CSV with semicolons (<see cref="PopulationFile"/>).
/// Each year in the file replaces that year's figures, with its audit entry, in one transaction; a file with a wrong
/// line stores nothing and names every wrong line. GET /api/admin/population lists the years imported.
/// </summary>
public sealed class ImportPopulation(VardeDbContext db, AdminAudit audit, TimeProvider clock)
{
    /// <summary>A year as imported.</summary>
    public sealed record ImportedYear(int Year, string Source, DateTimeOffset ImportedAt, int Municipalities, long Inhabitants);

    /// <summary>What became of a file: its years imported, or refused with the field and messages.</summary>
    public abstract record Outcome
    {
        public sealed record Imported(IReadOnlyList<ImportedYear> Years) : Outcome;

        public sealed record Refused(string Field, IReadOnlyList<string> Messages) : Outcome;
    }

    public static void Map(RouteGroupBuilder admin)
    {
        admin.MapPost("/population", async (string? source, HttpRequest request, ClaimsPrincipal user, ImportPopulation slice, CancellationToken ct) =>
                (await slice.HandleAsync(source, await UploadedText.ReadAsync(request, ct), user, ct)) switch
                {
                    Outcome.Imported imported => (Results<Ok<IReadOnlyList<ImportedYear>>, ValidationProblem>)TypedResults.Ok(imported.Years),
                    Outcome.Refused refused => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [refused.Field] = [.. refused.Messages] }),
                    _ => throw new InvalidOperationException("Unknown outcome."),
                })
            .Accepts<string>("text/csv")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(UploadedText.Largest))
            .WithName(nameof(ImportPopulation))
            .RequireAuthorization(Policies.Administer);
        admin.MapGet("/population", async (ImportPopulation slice, CancellationToken ct) => TypedResults.Ok(await slice.ListAsync(ct)))
            .WithName("ListPopulation")
            .RequireAuthorization(Policies.Administer);
    }

    public async Task<Outcome> HandleAsync(string? source, string? file, ClaimsPrincipal user, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(source) || source.Trim().Length > 500)
            return new Outcome.Refused("source", ["Say where the figures come from (source=, 1–500 characters), e.g. \"SSB tabell 07459, lastet ned 2026-02-15\"."]);
        if (file is null)
            return new Outcome.Refused("file", [$"The file is larger than {UploadedText.Largest / (1024 * 1024)} MB."]);
        var read = PopulationFile.Parse(file);
        if (!read.IsValid)
            return new Outcome.Refused("file", [.. read.Errors.Select(e => string.Create(CultureInfo.InvariantCulture, $"Line {e.Line}: {e.Message}"))]);

        var now = clock.GetUtcNow();
        var actor = Callers.From(user).ActorId;
        var years = read.Counts.GroupBy(c => c.Year).OrderBy(g => g.Key)
            .Select(g => new PopulationImport(g.Key, source.Trim(), now, actor, g.Select(c => c.MunicipalityNumber).Distinct().Count(), g.Sum(c => (long)c.Count)))
            .ToList();
        var numbers = years.Select(y => y.Year).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var before = await db.PopulationImports.AsNoTracking().Where(i => numbers.Contains(i.Year)).ToDictionaryAsync(i => i.Year, ct);
        await db.PopulationCounts.Where(c => numbers.Contains(c.Year)).ExecuteDeleteAsync(ct);
        await db.PopulationImports.Where(i => numbers.Contains(i.Year)).ExecuteDeleteAsync(ct);
        db.PopulationImports.AddRange(years);
        db.PopulationCounts.AddRange(read.Counts);
        foreach (var year in years)
            audit.Stage(user, AdminEntityKinds.Population, IdOf(year.Year), AdminActions.Imported, before.GetValueOrDefault(year.Year) is { } old ? Summary(old) : null, Summary(year));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Outcome.Imported([.. years.Select(Imported)]);
    }

    public async Task<IReadOnlyList<ImportedYear>> ListAsync(CancellationToken ct) =>
        [.. (await db.PopulationImports.AsNoTracking().OrderBy(i => i.Year).ToListAsync(ct)).Select(Imported)];

    /// <summary>The audit entry's id for a year.</summary>
    public static Guid IdOf(int year) => Guid.Parse(string.Create(CultureInfo.InvariantCulture, $"00000000-0000-0000-0000-{year:D12}"));

    private static ImportedYear Imported(PopulationImport i) => new(i.Year, i.Source, i.ImportedAt, i.Municipalities, i.Inhabitants);

    private static object Summary(PopulationImport i) => new { i.Year, i.Source, i.Municipalities, i.Inhabitants };
}
