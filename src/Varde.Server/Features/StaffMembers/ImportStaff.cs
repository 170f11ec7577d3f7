using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Administration;
using Varde.Domain.Organisations;
using Varde.Domain.Staff;
using Varde.Server.Auth;

namespace Varde.Server.Features.StaffMembers;

/// <summary>
/// POST /api/admin/staff/import?dryRun=true|false (body: the CSV file, <see cref="StaffCsv"/>): invites many staff at
/// once. Every row is checked first, and every problem is reported with its row, field and message. A dry run writes
/// nothing; the real run writes all rows in one transaction or, if any row has a problem, none.
/// </summary>
public sealed class ImportStaff(VardeDbContext db, InviteStaff invite)
{
    public const int MaxRows = 2000;

    public sealed record Problem(int Row, string Field, string Message);

    public sealed record Invited(int Row, Guid Id, string Name, string UserName, string SetUpLink);

    public sealed record Report(bool DryRun, int Rows, IReadOnlyList<Problem> Problems, IReadOnlyList<Invited> Invited)
    {
        public bool Written => !DryRun && Problems.Count == 0;
    }

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/staff/import", async Task<Results<Ok<Report>, UnprocessableEntity<Report>>> (HttpRequest http, bool? dryRun, ClaimsPrincipal user,
                ImportStaff slice, CancellationToken ct) =>
            {
                using var reader = new StreamReader(http.Body);
                var report = await slice.HandleAsync(await reader.ReadToEndAsync(ct), dryRun != false, user, ct);
                return report.DryRun || report.Written ? TypedResults.Ok(report) : TypedResults.UnprocessableEntity(report);
            })
            .WithName(nameof(ImportStaff))
            .Accepts<string>("text/csv")
            .RequireAuthorization(Policies.Administer);

    public async Task<Report> HandleAsync(string csv, bool dryRun, ClaimsPrincipal user, CancellationToken ct)
    {
        var (rows, headerProblem) = StaffCsv.Read(csv);
        if (headerProblem is not null)
            return new Report(dryRun, 0, [new(1, "header", headerProblem)], []);
        if (rows.Count > MaxRows)
            return new Report(dryRun, rows.Count, [new(1, "file", $"At most {MaxRows} rows at a time.")], []);

        var organisations = await db.Organisations.AsNoTracking().Where(o => o.DeactivatedAt == null).ToListAsync(ct);
        var problems = new List<Problem>();
        var valid = new List<(StaffCsv.Row Row, StaffMember Staff, string UserName)>();
        foreach (var row in rows)
        {
            var request = ToRequest(row, organisations, problems);
            var (staff, errors) = await invite.ValidateAsync(request, ct);
            problems.AddRange(errors.Where(e => !problems.Any(p => p.Row == row.Number && p.Field == e.Field)).Select(e => new Problem(row.Number, e.Field, e.Message)));
            if (staff is not null && errors.Count == 0)
                valid.Add((row, staff, request.UserName!.Trim()));
        }

        problems.AddRange(Duplicates(valid, v => v.UserName.ToUpperInvariant(), "userName", "The same user name is on an earlier row."));
        problems.AddRange(Duplicates(valid.Where(v => v.Staff.HprNumber is not null), v => v.Staff.HprNumber!, "hprNumber", "The same HPR number is on an earlier row."));
        problems = problems.OrderBy(p => p.Row).ToList();
        if (dryRun || problems.Count > 0)
            return new Report(dryRun, rows.Count, problems, []);

        var invited = new List<Invited>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (row, staff, userName) in valid)
        {
            var (account, link) = await invite.AddAsync(staff, userName, user, AdminActions.Imported, ct);
            if (account is null)
                return new Report(false, rows.Count, [new(row.Number, "userName", "That user name cannot be used.")], []);
            invited.Add(new Invited(row.Number, staff.Id, staff.Name, userName, link!));
        }

        await transaction.CommitAsync(ct);
        return new Report(false, rows.Count, [], invited);
    }

    private static StaffRequest ToRequest(StaffCsv.Row row, List<Organisation> organisations, List<Problem> problems)
    {
        var role = RoleFrom(row.Fields.GetValueOrDefault("role"));
        if (role is null && !string.IsNullOrEmpty(row.Fields.GetValueOrDefault("role")))
            problems.Add(new(row.Number, "role", $"Unknown role \"{row.Fields["role"]}\": sykepleier, koordinator, fastlege, spesialist, leder or administrator."));
        var organisation = row.Fields.GetValueOrDefault("organisation") ?? "";
        var matches = organisations.Where(o => o.Id.ToString() == organisation || o.OrganisationNumber == organisation.Replace(" ", "", StringComparison.Ordinal)
            || string.Equals(o.Name, organisation, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matches.Count != 1)
        {
            problems.Add(new(row.Number, "organisationId", matches.Count == 0
                ? $"No organisation in use is called or numbered \"{organisation}\"."
                : $"Several organisations are called \"{organisation}\": use the organisation number or id."));
        }

        return new StaffRequest(row.Fields.GetValueOrDefault("name"), role, matches.Count == 1 ? matches[0].Id : null,
            row.Fields.GetValueOrDefault("hprNumber"), row.Fields.GetValueOrDefault("userName"));
    }

    private static Role? RoleFrom(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "sykepleier" or "nurse" => Role.Nurse,
        "koordinator" or "coordinator" => Role.Coordinator,
        "fastlege" or "gp" => Role.Gp,
        "spesialist" or "specialist" => Role.Specialist,
        "leder" or "leader" => Role.Leader,
        "administrator" => Role.Administrator,
        "tildelingskontor" or "allocation office" or "allocation-office" => Role.AllocationOffice,
        _ => null,
    };

    private static IEnumerable<Problem> Duplicates<T>(IEnumerable<(StaffCsv.Row Row, StaffMember Staff, string UserName)> rows,
        Func<(StaffCsv.Row Row, StaffMember Staff, string UserName), T> key, string field, string message)
        where T : notnull =>
        rows.GroupBy(key).SelectMany(g => g.Skip(1)).Select(v => new Problem(v.Row.Number, field, message));
}
