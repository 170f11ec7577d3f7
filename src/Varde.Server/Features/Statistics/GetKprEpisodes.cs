using System.Globalization;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Statistics;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// GET /api/kpr/episodes?from=&amp;to=: the allocation office's municipality's DHO episodes in the period as KPR wants them,
/// with the validation report (<see cref="KprEpisodes"/>); <c>episodes.csv</c> is the file, of the episodes without
/// errors. Patient data: every patient in either is written to the access log.
/// </summary>
public sealed class GetKprEpisodes(VardeDbContext db, PatientAccessGate gate)
{
    /// <summary>The episodes that go in the file and the problems found.</summary>
    public sealed record Report(string Municipality, StatisticsPeriod Period, IReadOnlyList<KprEpisode> Episodes, IReadOnlyList<KprProblem> Problems);

    public static void Map(WebApplication app)
    {
        var kpr = app.MapGroup("/api/kpr").WithTags("Statistics").RequireAuthorization(Policies.KprExport);
        kpr.MapGet("/episodes", async Task<Results<Ok<Report>, ValidationProblem>> (DateOnly? from, DateOnly? to, ClaimsPrincipal user, GetKprEpisodes slice,
                CancellationToken ct) =>
            {
                var report = await slice.HandleAsync(from, to, Callers.From(user), "kpr.review", ct);
                return report.IsValid ? TypedResults.Ok(report.Value) : TypedResults.ValidationProblem(report.ErrorsByField());
            })
            .WithName(nameof(GetKprEpisodes));
        kpr.MapGet("/episodes.csv", async Task<Results<FileContentHttpResult, ValidationProblem>> (DateOnly? from, DateOnly? to, ClaimsPrincipal user,
                GetKprEpisodes slice, CancellationToken ct) =>
            {
                var report = await slice.HandleAsync(from, to, Callers.From(user), "kpr.export", ct);
                return report.IsValid
                    ? TypedResults.File(Csv(report.Value), "text/csv; charset=utf-8",
                        string.Create(CultureInfo.InvariantCulture, $"kpr-dho-{report.Value.Municipality}-{report.Value.Period.From:yyyy-MM-dd}-{report.Value.Period.To:yyyy-MM-dd}.csv"))
                    : TypedResults.ValidationProblem(report.ErrorsByField());
            })
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .WithName("GetKprEpisodesCsv");
    }

    public async Task<Validated<Report>> HandleAsync(DateOnly? from, DateOnly? to, Caller caller, string action, CancellationToken ct)
    {
        var period = StatisticsPeriod.Of(from, to);
        if (!period.IsValid)
            return Validated<Report>.Fail(period.Errors);
        var scope = await StatisticsScope.ResolveAsync(db, null, caller.OrganisationId, null, ct);
        if (!scope.IsValid)
            return Validated<Report>.Fail("municipality", "An allocation office works in a municipality; this one is not registered as one.");
        var facts = await ActivityFacts.LoadAsync(db, scope.Value, period.Value, ct);
        var numbers = await db.Patients.AsNoTracking().Where(scope.Value.Patients)
            .Select(p => new { p.Id, p.IdentityNumber, p.IdentityKind }).ToDictionaryAsync(p => p.Id, ct);
        var municipality = scope.Value.Municipalities.Single();
        var (episodes, problems) = KprEpisodes.Of(
            facts.Select(f => new KprPatient(numbers[f.PatientId].IdentityNumber, numbers[f.PatientId].IdentityKind, municipality.Number, f)), period.Value);
        var seen = episodes.Select(e => e.PatientId).Concat(problems.Select(p => p.PatientId)).Distinct().ToList();
        if (seen.Count > 0)
            await gate.LogAsync(caller, seen, action, AccessOutcome.Allowed, ct);
        return Validated<Report>.Ok(new Report(municipality.Number, period.Value, episodes, problems));
    }

    /// <summary>
    /// The KPR file: UTF-8 without a byte-order mark, semicolons, CRLF, dates as YYYY-MM-DD, an empty end date for an
    /// episode going on; columns fodselsnummer, kommunenummer, tjenestetype, startdato, sluttdato, vedtaksdato.
    /// </summary>
    public static byte[] Csv(Report report)
    {
        var csv = new StringBuilder("fodselsnummer;kommunenummer;tjenestetype;startdato;sluttdato;vedtaksdato\r\n");
        foreach (var e in report.Episodes)
            csv.Append(CultureInfo.InvariantCulture, $"{e.IdentityNumber};{e.MunicipalityNumber};{e.ServiceType};{e.StartDate:yyyy-MM-dd};{e.EndDate:yyyy-MM-dd};{e.DecisionDate:yyyy-MM-dd}\r\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
