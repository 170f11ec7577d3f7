using Microsoft.AspNetCore.Authorization;

namespace Varde.Server.Features.Audit;

/// <summary>The audit logs' hash chains (sealing job, verification) and the logging of policy denials (ADR 0051).</summary>
public static class AuditGroup
{
    public static IHostApplicationBuilder AddAuditChain(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<SealAuditLogs>();
        builder.Services.AddScoped<VerifyAuditChain>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, PolicyDenialLog>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
            builder.Services.AddHostedService<AuditJobs>();
        return builder;
    }
}
