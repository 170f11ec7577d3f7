using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Varde.Data.Identity;
using Varde.Domain;

namespace Varde.Server.Features.StaffMembers;

/// <summary>
/// POST /api/account/password (and the page <c>/velg-passord</c>): an invited staff member chooses her password with the
/// one-time code from her set-up link. The code is Identity's password-reset token: it expires (3 days) and is void
/// once used, because setting the password changes the account's security stamp. Anonymous by design.
/// </summary>
public sealed class SetPassword(UserManager<StaffAccount> users)
{
    public const string Path = "/velg-passord";

    public sealed record Request(Guid? UserId, string? Code, string? Password);

    public static string Link(Guid userId, string code) => $"{Path}?bruker={userId:D}&kode={Uri.EscapeDataString(code)}";

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/account/password", async Task<Results<ValidationProblem, NoContent>> (Request request, SetPassword slice) =>
                await slice.HandleAsync(request) is { Count: > 0 } errors
                    ? TypedResults.ValidationProblem(ValidationError.ByField(errors))
                    : TypedResults.NoContent())
            .WithName(nameof(SetPassword))
            .WithTags("Account")
            .AllowAnonymous();

    /// <summary>The password is set (no errors), or the errors by field: a void code says so, whoever asks.</summary>
    public async Task<IReadOnlyList<ValidationError>> HandleAsync(Request request)
    {
        var account = request.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        var invalidCode = new ValidationError("code", "The set-up link is not valid any more. Ask your administrator for a new one.");
        if (account is null || string.IsNullOrEmpty(request.Code) || await users.HasPasswordAsync(account) || await users.IsLockedOutAsync(account))
            return [invalidCode];
        var errors = new List<ValidationError>();
        foreach (var validator in users.PasswordValidators)
            errors.AddRange((await validator.ValidateAsync(users, account, request.Password ?? "")).Errors.Select(e => new ValidationError("password", e.Description)));
        if (errors.Count > 0)
            return errors;
        var result = await users.ResetPasswordAsync(account, request.Code, request.Password!);
        return result.Succeeded ? [] : [invalidCode];
    }
}
