using System.Globalization;
using System.Threading.RateLimiting;

namespace Varde.Server.Auth;

/// <summary>
/// Slows password and code guessing from one place: every attempt to prove who one is — the staff login form, the
/// token endpoint (passwords, gateway secrets, the tablet grant), the tablet's PIN and enrolment code, the first
/// password of an invited staff member (<see cref="GuardedPaths"/>) — counts against its source address, at most
/// <c>Auth:RateLimits:SignInsPerMinute</c> (default 30) a minute; beyond that the answer is 429 with Retry-After and
/// nothing is checked. Per account, the lockout (<see cref="StaffSignIn"/>, the tablet's PIN lock) stops guessing.
/// Other requests are not limited here.
/// </summary>
public static class SignInRateLimits
{
    private static readonly string[] GuardedPaths =
        ["/login", "/connect/token", "/pasient/logg-inn", "/pasient/registrer", "/pasient/parorende/logg-inn", "/velg-passord", "/api/account/password"];

    public static IHostApplicationBuilder AddSignInRateLimits(this IHostApplicationBuilder builder)
    {
        var perMinute = builder.Configuration.GetValue("Auth:RateLimits:SignInsPerMinute", 30);
        builder.Services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsSignInAttempt(context.Request)
                ? RateLimitPartition.GetFixedWindowLimiter("source:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown"),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter(""));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
                    detail: "Too many attempts to sign in from this address. Wait and try again.").ExecuteAsync(context.HttpContext);
            };
        });
        return builder;
    }

    private static bool IsSignInAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && GuardedPaths.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase));
}
