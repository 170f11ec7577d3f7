using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Data.Identity;
using Varde.Domain;
using Varde.Domain.Access;
using Varde.Domain.Administration;
using Varde.Domain.Organisations;
using Varde.Domain.Staff;
using Varde.Server.Features.Audit;

namespace Varde.Server.Features.Installation;

/// <summary>
/// POST /api/installation/setup (and the page <c>/oppsett</c>): the first start of a real installation. With the
/// one-time code <see cref="FirstStart"/> printed, it creates the first municipality, the follow-up service serving
/// it, and the first administrator with a user name and password, all or nothing. Once an administrator exists it
/// answers that the installation is set up, whatever the code.
/// </summary>
public sealed partial class SetUpInstallation(VardeDbContext db, UserManager<StaffAccount> users, FirstStart firstStart, TimeProvider clock,
    AdminAudit audit, ILogger<SetUpInstallation> logger)
{
    public sealed record Request(string? Code, string? MunicipalityName, string? MunicipalityNumber, string? ServiceName, string? AdminName,
        string? UserName, string? Password);

    public sealed record Response(Guid ServiceId, Guid MunicipalityId, Guid AdministratorId, string UserName);

    /// <summary>What happened: set up, refused (field and message), or set up before.</summary>
    public abstract record Outcome
    {
        public sealed record SetUp(Response Response) : Outcome;

        public sealed record Refused(IReadOnlyList<ValidationError> Errors) : Outcome;

        public sealed record AlreadySetUp : Outcome;
    }

    public static void Map(IEndpointRouteBuilder app) =>
        app.MapPost("/api/installation/setup", async Task<Results<Created<Response>, ValidationProblem, ProblemHttpResult>> (Request request,
                SetUpInstallation slice, CancellationToken ct) =>
                (await slice.HandleAsync(request, ct)) switch
                {
                    Outcome.SetUp s => TypedResults.Created("/login", s.Response),
                    Outcome.Refused r => TypedResults.ValidationProblem(r.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray())),
                    _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Varde is set up already",
                        detail: "An administrator exists; sign in as one to add organisations and staff."),
                })
            .WithName(nameof(SetUpInstallation))
            .WithTags("Installation")
            .AllowAnonymous();

    public async Task<Outcome> HandleAsync(Request request, CancellationToken ct)
    {
        if (await db.StaffMembers.AnyAsync(s => s.Role == Role.Administrator, ct))
            return new Outcome.AlreadySetUp();

        var now = clock.GetUtcNow();
        var municipality = Organisation.Municipality(Guid.CreateVersion7(now), request.MunicipalityName ?? "", request.MunicipalityNumber?.Trim() ?? "", null);
        var errors = Prefixed(municipality.Errors, "municipality").ToList();
        if (municipality.IsValid && MunicipalityNumbers.Check("municipalityNumber", request.MunicipalityNumber) is { } notOfficial)
            errors.Add(notOfficial);
        var service = municipality.IsValid
            ? Organisation.FollowUpService(Guid.CreateVersion7(now), request.ServiceName ?? "", [municipality.Value], null)
            : Organisation.FollowUpService(Guid.CreateVersion7(now), request.ServiceName ?? "", [], null);
        errors.AddRange(Prefixed(service.Errors.Where(e => e.Field != "servedMunicipalities"), "service"));
        var adminId = Guid.CreateVersion7(now);
        var admin = StaffMember.Create(adminId, request.AdminName ?? "", Role.Administrator, service.IsValid ? service.Value.Id : Guid.Empty, null);
        errors.AddRange(admin.Errors.Select(e => e with { Field = e.Field == "name" ? "adminName" : e.Field }));
        var userName = request.UserName?.Trim() ?? "";
        if (userName.Length is < 3 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            errors.Add(new("userName", "A user name has 3 to 64 letters (a–z), digits, dots, dashes or underscores."));
        var account = new StaffAccount { Id = adminId, UserName = userName };
        foreach (var validator in users.PasswordValidators)
        {
            var checkedPassword = await validator.ValidateAsync(users, account, request.Password ?? "");
            errors.AddRange(checkedPassword.Errors.Select(e => new ValidationError("password", e.Description)));
        }

        if (errors.Count > 0)
            return new Outcome.Refused(errors);
        var code = firstStart.PendingCode;
        if (code is null || !firstStart.TryUse(request.Code))
            return new Outcome.Refused([new("code", "That is not the set-up code printed on the server's console at this start.")]);

        // The code was taken before anything was stored: unless the set-up is committed, it is given back, also when
        // the database fails or the request is cancelled, so the installation is never left without a way in.
        var committed = false;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            db.Organisations.AddRange(municipality.Value, service.Value);
            db.StaffMembers.Add(admin.Value);
            foreach (var organisation in new[] { municipality.Value, service.Value })
                audit.Stage(AdminAudit.SetUpActor, admin.Value.Name, AdminEntityKinds.Organisation, organisation.Id, AdminActions.SetUp, null, AdminAudit.Snapshot(organisation));
            audit.Stage(AdminAudit.SetUpActor, admin.Value.Name, AdminEntityKinds.StaffMember, adminId, AdminActions.SetUp, null, AdminAudit.Snapshot(admin.Value, userName));
            await db.SaveChangesAsync(ct);
            var created = await users.CreateAsync(account, request.Password!);
            if (!created.Succeeded)
            {
                return new Outcome.Refused(created.Errors
                    .Select(e => new ValidationError(e.Code.Contains("UserName", StringComparison.Ordinal) ? "userName" : "password", e.Description)).ToList());
            }

            await transaction.CommitAsync(ct);
            committed = true;
        }
        finally
        {
            if (!committed)
                firstStart.Restore(code);
        }

        LogSetUp(logger, service.Value.Id);
        return new Outcome.SetUp(new Response(service.Value.Id, municipality.Value.Id, adminId, userName));
    }

    private static IEnumerable<ValidationError> Prefixed(IEnumerable<ValidationError> errors, string prefix) =>
        errors.Select(e => e with { Field = e.Field == "name" ? $"{prefix}Name" : e.Field });

    [LoggerMessage(LogLevel.Information, "The installation was set up: the first follow-up service {ServiceId} and its administrator")]
    private static partial void LogSetUp(ILogger logger, Guid serviceId);
}
