namespace Varde.Server.Infrastructure;

/// <summary>
/// The headers every answer carries (issue 18 item 7): no MIME sniffing, no referrer leaving Varde, no framing by other
/// sites, a Content-Security-Policy that forbids plugins, foreign base URLs and form targets (added to the
/// <c>frame-ancestors</c> policy Blazor sets on interactive pages), and <c>Cache-Control: no-store</c> on the APIs that
/// answer with patient data, so no proxy or browser cache keeps it. HSTS outside Development, the antiforgery cookie
/// Secure over HTTPS. Scripts come only from Varde's own files: no inline script, no eval, no other origin (the
/// patient app's texts are a JSON data block, which is not run). Styles allow inline <c>style</c> attributes, which the
/// screens use for bar widths and colours; nothing can run from them.
/// </summary>
public static class SecurityHeaders
{
    public const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'";

    private static readonly string[] NoStorePaths = ["/api", "/pasient/api", "/fhir", "/connect"];

    public static IHostApplicationBuilder AddSecurityHeaders(this IHostApplicationBuilder builder)
    {
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (string.IsNullOrEmpty(headers.XFrameOptions))
                    headers.XFrameOptions = "SAMEORIGIN";
                var csp = headers.ContentSecurityPolicy.ToString();
                headers.ContentSecurityPolicy = string.IsNullOrEmpty(csp) ? $"frame-ancestors 'self'; {Policy}"
                    : csp.Contains("object-src", StringComparison.Ordinal) ? csp : $"{csp.TrimEnd(';', ' ')}; {Policy}";
                if (NoStorePaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                    headers.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
