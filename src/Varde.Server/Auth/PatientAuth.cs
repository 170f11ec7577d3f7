using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Patients;

namespace Varde.Server.Auth;

/// <summary>
/// How patients are signed in to the patient app under <c>/pasient</c>: a cookie of its own (<c>varde.pasient</c>,
/// path /pasient, 30 minutes sliding), separate from staff sessions. A sign-in method (today the lent tablet's PIN,
/// later ID-porten) ends in <see cref="SignInAsync"/> with the patient and how they proved who they are. A session
/// from a tablet is checked against the tablet on every request, so revoking the tablet ends it at once.
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

    public static Guid PatientId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(VardeClaims.Subject)!);

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

    private static Task ApiAware(RedirectContext<CookieAuthenticationOptions> context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments(BasePath + "/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(redirectUri);
        return Task.CompletedTask;
    }
}
