using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Varde.Data;
using Varde.Data.Identity;
using Varde.Domain;
using Varde.Domain.Administration;
using Varde.Domain.Staff;
using Varde.Server.Auth;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.StaffMembers;

/// <summary>
/// POST /api/admin/staff: an administrator invites a staff member. The staff member and a sign-in account without a
/// password are stored, with the audit entry, in one transaction; the answer carries a one-time set-up link (shown
/// once, never stored or logged) where the new user chooses her own password (ADR 0022).
/// </summary>
public sealed class InviteStaff(VardeDbContext db, UserManager<StaffAccount> users, AdminAudit audit, TimeProvider clock)
{
    public sealed record Response(StaffResponse Staff, string SetUpLink);

    /// <summary>Invited (with the link), or refused (field and message).</summary>
    public abstract record Outcome
    {
        public sealed record Invited(Response Response) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;
    }

    public static void Map(RouteGroupBuilder admin) =>
        admin.MapPost("/staff", async Task<Results<Created<Response>, ValidationProblem, InternalServerError>> (StaffRequest request, ClaimsPrincipal user,
                InviteStaff slice, CancellationToken ct) =>
                (await slice.HandleAsync(request, user, ct)) switch
                {
                    Outcome.Invited i => TypedResults.Created($"/api/admin/staff/{i.Response.Staff.Id}", i.Response),
                    Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
                    _ => TypedResults.InternalServerError(),
                })
            .WithName(nameof(InviteStaff))
            .RequireAuthorization(Policies.Administer);

    public async Task<Outcome> HandleAsync(StaffRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (staff, errors) = await ValidateAsync(request, ct);
        if (errors.Count > 0)
            return new Outcome.Refused(errors);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (account, link) = await AddAsync(staff!, request.UserName!.Trim(), user, AdminActions.Invited, ct);
        if (account is null)
            return new Outcome.Refused([new("userName", "That user name cannot be used.")]);
        await transaction.CommitAsync(ct);
        var organisation = await db.Organisations.FindAsync([staff!.OrganisationId], ct);
        return new Outcome.Invited(new Response(StaffResponse.From(staff, organisation?.Name ?? "", account.UserName), link!));
    }

    /// <summary>The staff member the request describes, or every reason it cannot be stored.</summary>
    public async Task<(StaffMember? Staff, List<ValidationError> Errors)> ValidateAsync(StaffRequest request, CancellationToken ct)
    {
        var errors = await StaffRules.CheckAsync(db, null, request, ct);
        var created = StaffMember.Create(Guid.CreateVersion7(clock.GetUtcNow()), request.Name ?? "", request.Role ?? default,
            request.OrganisationId ?? Guid.Empty, request.HprNumber, request.WorkPhone);
        errors.AddRange(created.Errors.Where(e => !errors.Any(known => known.Field == e.Field)));
        if (StaffRules.UserNameError(request.UserName) is { } badName)
            errors.Add(badName);
        else if (await users.FindByNameAsync(request.UserName!.Trim()) is not null)
            errors.Add(new("userName", $"The user name {request.UserName.Trim()} is taken."));
        return (created.IsValid ? created.Value : null, errors);
    }

    /// <summary>
    /// Stores the staff member, the audit entry and the account (inside the caller's transaction) and makes the set-up
    /// link; the account is null when Identity refuses the user name.
    /// </summary>
    public async Task<(StaffAccount? Account, string? Link)> AddAsync(StaffMember staff, string userName, ClaimsPrincipal user, string action,
        CancellationToken ct)
    {
        db.StaffMembers.Add(staff);
        audit.Stage(user, AdminEntityKinds.StaffMember, staff.Id, action, null, AdminAudit.Snapshot(staff, userName));
        await db.SaveChangesAsync(ct);
        var account = new StaffAccount { Id = staff.Id, UserName = userName };
        if (!(await users.CreateAsync(account)).Succeeded)
            return (null, null);
        var code = await users.GeneratePasswordResetTokenAsync(account);
        return (account, SetPassword.Link(staff.Id, code));
    }
}
