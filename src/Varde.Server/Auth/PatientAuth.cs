using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Patients;
using Varde.Domain.Relatives;
using Varde.Server.Features.Relatives;

namespace Varde.Server.Auth;

/// <summary>
/// How patients are signed in to the patient app under <c>/pasient</c>: a cookie of its own (<c>varde.pasient</c>,
/// path /pasient, 30 minutes sliding), separate from staff sessions. A sign-in method (today the lent tablet's PIN,
/// later ID-porten) ends in <see cref="SignInAsync"/> with the patient and how they proved who they are. A session
/// from a tablet is checked against the tablet on every request, so revoking the tablet ends it at once. A relative signs
/// in to the same app for the patient whose consent they hold (<see cref="SignInRelativeAsync"/>); their session is
/// checked against the consent on every request, so a withdrawal ends it at once and a change applies at once.
/// </summary>
public static class PatientAuth
{
    public const string Scheme = "VardePatient";
    public const string CookieName = "varde.pasient";
    public const string DeviceCookieName = "varde.nettbrett";
    public const string BasePath = "/pasient";

    /// <summary>The claim naming the lent tablet a session was opened on.</summary>
    public const string DeviceClaim = "device";

    public static AuthenticationBuilder AddPatientCookie(this AuthenticationBuilder authentication, int sessionMinutes) =>
        authentication.AddCookie(Scheme, o =>
        {
            o.LoginPath = BasePath + "/logg-inn";
            o.LogoutPath = BasePath + "/logg-ut";
            o.AccessDeniedPath = BasePath + "/logg-inn";
            o.Cookie.Name = CookieName;
            o.Cookie.Path = BasePath;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.HttpOnly = true;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(sessionMinutes);
            o.SlidingExpiration = true;
            o.Events.OnValidatePrincipal = RejectIfNoLongerAllowedAsync;
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, ctx.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, ctx.RedirectUri, StatusCodes.Status403Forbidden);
        });

    public static bool IsPatientPath(PathString path) => path.StartsWithSegments(BasePath);

    /// <param name="context">The request.</param>
    /// <param name="patient">Who signed in.</param>
    /// <param name="deviceId">The lent tablet, for a PIN sign-in.</param>
    /// <param name="signInMethod">The external provider (ID-porten), for a sign-in through one.</param>
    public static async Task SignInAsync(HttpContext context, Patient patient, Guid? deviceId, string? signInMethod = null)
    {
        var identity = Callers.Identity(Scheme, patient.Id.ToString(), patient.Name, Role.Patient, patient.FollowUpServiceId);
        if (deviceId is { } device)
            identity.AddClaim(new Claim(DeviceClaim, device.ToString()));
        if (signInMethod is not null)
            identity.AddClaim(new Claim(VardeClaims.SignInMethod, signInMethod));
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Signs a relative in to act for the patient, with the permissions the consent gives now.</summary>
    public static async Task SignInRelativeAsync(HttpContext context, Relative relative, string patientName, Guid followUpServiceId,
        RelativePermissions permissions, string? signInMethod)
    {
        var identity = Callers.Identity(Scheme, relative.Id.ToString(), relative.Name, Role.Relative, followUpServiceId);
        identity.AddClaim(new Claim(VardeClaims.OnBehalfOf, relative.PatientId.ToString()));
        identity.AddClaim(new Claim(VardeClaims.OnBehalfOfName, patientName));
        identity.AddClaim(new Claim(VardeClaims.RelativePermissions, ((int)permissions).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (signInMethod is not null)
            identity.AddClaim(new Claim(VardeClaims.SignInMethod, signInMethod));
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
    }

    /// <summary>The patient whose data the session reaches: the patient herself, or the patient a relative acts for.</summary>
    public static Guid PatientId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(VardeClaims.OnBehalfOf) ?? user.FindFirstValue(VardeClaims.Subject)!);

    /// <summary>The first page a session may see: today's tasks, or the messages for a relative whose consent covers only those.</summary>
    public static string StartPath(RelativePermissions permissions) =>
        !permissions.HasFlag(RelativePermissions.SeeValuesAndPlan) && permissions.HasFlag(RelativePermissions.ReceiveMessages)
            ? BasePath + "/meldinger"
            : BasePath;

    /// <summary>What the session may do in the app: everything for the patient, the consent's permissions for a relative.</summary>
    public static RelativePermissions Permissions(ClaimsPrincipal user) =>
        user.IsInRole(nameof(Role.Patient)) ? RelativePermissions.SeeValuesAndPlan | RelativePermissions.SendReports | RelativePermissions.ReceiveMessages
        : user.IsInRole(nameof(Role.Relative)) && int.TryParse(user.FindFirstValue(VardeClaims.RelativePermissions), out var p) ? (RelativePermissions)p
        : RelativePermissions.None;

    /// <summary>The tablet's credential cookie: "{device id}.{secret}", HttpOnly, for /pasient only, kept two years.</summary>
    public static void WriteDeviceCookie(HttpContext context, Guid deviceId, string secret) =>
        context.Response.Cookies.Append(DeviceCookieName, $"{deviceId:N}.{secret}", new CookieOptions
        {
            Path = BasePath,
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            MaxAge = TimeSpan.FromDays(730),
            IsEssential = true,
        });

    public static (Guid DeviceId, string Secret)? ReadDeviceCookie(HttpContext context)
    {
        var value = context.Request.Cookies[DeviceCookieName];
        var dot = value?.IndexOf('.') ?? -1;
        return dot > 0 && Guid.TryParseExact(value![..dot], "N", out var id) ? (id, value[(dot + 1)..]) : null;
    }

    public static void ForgetDevice(HttpContext context) => context.Response.Cookies.Delete(DeviceCookieName, new CookieOptions { Path = BasePath });

    // A tablet's session lasts while the tablet is enrolled; an ID-porten session while the patient is followed.
    private static async Task RejectIfNoLongerAllowedAsync(CookieValidatePrincipalContext context)
    {
        var db = context.HttpContext.RequestServices.GetRequiredService<VardeDbContext>();
        var ct = context.HttpContext.RequestAborted;
        bool allowed;
        if (context.Principal?.IsInRole(nameof(Role.Relative)) == true)
        {
            await CheckRelativeAsync(context, db, ct);
            return;
        }

        if (Guid.TryParse(context.Principal?.FindFirstValue(DeviceClaim), out var deviceId))
        {
            var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            var device = await db.PatientDevices.AsNoTracking().SingleOrDefaultAsync(d => d.Id == deviceId, ct);
            allowed = device?.StateAt(now) == PatientDeviceState.Enrolled;
        }
        else if (context.Principal?.FindFirstValue(VardeClaims.SignInMethod) is not null && Guid.TryParse(context.Principal.FindFirstValue(VardeClaims.Subject), out var patientId))
        {
            var newest = await db.Pathways.AsNoTracking().Where(w => w.PatientId == patientId)
                .OrderByDescending(w => w.ReferredAt).ThenByDescending(w => w.Id).Select(w => (Domain.Pathways.PathwayState?)w.State).FirstOrDefaultAsync(ct);
            allowed = await db.Patients.AnyAsync(p => p.Id == patientId, ct) && Domain.Pathways.FollowedPatients.IsFollowed(newest);
        }
        else
        {
            return;
        }

        if (allowed)
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(Scheme);
    }

    // A relative's session lasts while the consent does (and the patient is followed); a changed consent applies at once.
    private static async Task CheckRelativeAsync(CookieValidatePrincipalContext context, VardeDbContext db, CancellationToken ct)
    {
        var principal = context.Principal!;
        var permissions = Guid.TryParse(principal.FindFirstValue(VardeClaims.Subject), out var relativeId)
            ? await RelativeConsents.CurrentAsync(db, relativeId, ct) : RelativePermissions.None;
        if (permissions != RelativePermissions.None && Guid.TryParse(principal.FindFirstValue(VardeClaims.OnBehalfOf), out var patientId))
        {
            var newest = await db.Pathways.AsNoTracking().Where(w => w.PatientId == patientId)
                .OrderByDescending(w => w.ReferredAt).ThenByDescending(w => w.Id).Select(w => (Domain.Pathways.PathwayState?)w.State).FirstOrDefaultAsync(ct);
            if (!Domain.Pathways.FollowedPatients.IsFollowed(newest))
                permissions = RelativePermissions.None;
        }

        if (permissions == RelativePermissions.None)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        if (permissions == Permissions(principal))
            return;
        var identity = new ClaimsIdentity(principal.Claims.Where(c => c.Type != VardeClaims.RelativePermissions), Scheme, VardeClaims.Name, VardeClaims.Role);
        identity.AddClaim(new Claim(VardeClaims.RelativePermissions, ((int)permissions).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        context.ReplacePrincipal(new ClaimsPrincipal(identity));
        context.ShouldRenew = true;
    }

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments(BasePath + "/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
