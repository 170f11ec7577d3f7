using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Statistics;

namespace Varde.Server.Features.Statistics;

/// <summary>
/// Whose figures: a follow-up service's patients, a municipality's (the patients who live there), a health community's
/// (the patients of its municipalities), or the whole installation's. With the municipalities the figures break down by,
/// and the same scope over the summary of reports by hour.
/// </summary>
public sealed record StatisticsScope(string Kind, Guid? Id, string Name, Expression<Func<Patient, bool>> Patients, IReadOnlyList<MunicipalityInScope> Municipalities,
    Expression<Func<ReportHour, bool>> ReportHours)
{
    /// <summary>Whether it is the whole installation: its rows need no filter by patient (a semi-join over every patient).</summary>
    public bool IsWhole => Kind == "installation";

    /// <summary>
    /// The rows of the scope's patients (<paramref name="patientOf"/> names a row's patient): all of them for the whole
    /// installation, where every row's patient is in scope (each table's foreign key to patients), so no semi-join is made.
    /// </summary>
    public IQueryable<T> RowsOf<T>(VardeDbContext db, IQueryable<T> rows, Expression<Func<T, Guid>> patientOf)
    {
        if (IsWhole)
            return rows;
        var inScope = db.Patients.Where(Patients).Select(p => p.Id);
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(Guid)], inScope.Expression, patientOf.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(contains, patientOf.Parameters));
    }

    /// <summary>The scope asked for by at most one of the three ids (none: the installation); refused with the field when unknown.</summary>
    public static async Task<Validated<StatisticsScope>> ResolveAsync(VardeDbContext db, Guid? service, Guid? municipality, Guid? healthCommunity,
        CancellationToken ct)
    {
        if (new[] { service, municipality, healthCommunity }.Count(id => id is not null) > 1)
            return Validated<StatisticsScope>.Fail("scope", "Ask for one of service, municipality or healthCommunity (or none, for the whole installation).");
        var organisations = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Municipality || o.Id == service || o.Id == healthCommunity)
            .ToListAsync(ct);
        var municipalities = organisations.Where(o => o.Kind == OrganisationKind.Municipality).ToList();
        static MunicipalityInScope InScope(Organisation m) => new(m.Id, m.MunicipalityNumber!, m.Name);

        if (service is { } serviceId)
        {
            if (organisations.FirstOrDefault(o => o.Id == serviceId && o.Kind == OrganisationKind.FollowUpService) is not { } found)
                return Validated<StatisticsScope>.Fail("service", $"No follow-up service {serviceId}.");
            var own = await db.Patients.Where(p => p.FollowUpServiceId == serviceId).Select(p => p.MunicipalityId).Distinct().ToListAsync(ct);
            var cells = municipalities.Where(m => found.Serves(m.Id) || own.Contains(m.Id)).Select(InScope).ToList();
            return Validated<StatisticsScope>.Ok(new("service", serviceId, found.Name, p => p.FollowUpServiceId == serviceId, cells,
                h => h.FollowUpServiceId == serviceId));
        }

        if (municipality is { } municipalityId)
        {
            if (municipalities.FirstOrDefault(m => m.Id == municipalityId) is not { } found)
                return Validated<StatisticsScope>.Fail("municipality", $"No municipality {municipalityId}.");
            return Validated<StatisticsScope>.Ok(new("municipality", municipalityId, found.Name, p => p.MunicipalityId == municipalityId,
                [InScope(found)], h => h.MunicipalityId == municipalityId));
        }

        if (healthCommunity is { } communityId)
        {
            if (organisations.FirstOrDefault(o => o.Id == communityId && o.Kind == OrganisationKind.HealthCommunity) is not { } found)
                return Validated<StatisticsScope>.Fail("healthCommunity", $"No health community {communityId}.");
            var members = municipalities.Where(m => m.HealthCommunityId == communityId).ToList();
            var ids = members.Select(m => m.Id).ToList();
            return Validated<StatisticsScope>.Ok(new("healthCommunity", communityId, found.Name, p => ids.Contains(p.MunicipalityId),
                [.. members.Select(InScope)], h => ids.Contains(h.MunicipalityId)));
        }

        return Validated<StatisticsScope>.Ok(new("installation", null, "Varde", _ => true, [.. municipalities.Select(InScope)], _ => true));
    }
}
