using Varde.Server.Components;

namespace Varde.Server.Demo;

/// <summary><c>--demo</c>: seeds the demo data on start and prints how to log in.</summary>
public static class DemoSetup
{
    public sealed record DemoMode(bool Enabled)
    {
        /// <summary>The enrolment code issued for the demo tablet at this start (shown on the patient app's enrol page).</summary>
        public DemoTabletCode? TabletCode { get; set; }

        /// <summary>The one-time sign-in code issued for the demo patient's daughter at this start (shown on the relatives' sign-in page).</summary>
        public DemoRelativeCode? RelativeCode { get; set; }
    }

    public sealed record DemoRelativeCode(string RelativeName, string PatientName, string Code);

    public sealed record DemoTabletCode(string PatientName, string Code);

    public static IHostApplicationBuilder AddDemo(this IHostApplicationBuilder builder, bool enabled)
    {
        builder.Services.AddSingleton(new DemoMode(enabled));
        builder.Services.AddScoped<DemoData>();
        return builder;
    }

    public static async Task SeedDemoIfEnabledAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        if (!services.GetRequiredService<DemoMode>().Enabled)
            return;
        await using var scope = services.CreateAsyncScope();
        var seeded = false;
        await Infrastructure.StartupLog.TimedAsync(services.GetRequiredService<ILoggerFactory>().CreateLogger("Varde.Demo"),
            "Creating the demo (patients, plans, months of readings) unless it is there", async () => seeded = await scope.ServiceProvider.GetRequiredService<DemoData>().SeedAsync(ct));
        Console.Out.WriteLine(seeded ? "Varde demo: demo data created." : "Varde demo: demo data already present.");
        var tablet = await scope.ServiceProvider.GetRequiredService<DemoData>().IssueTabletCodeAsync(ct);
        services.GetRequiredService<DemoMode>().TabletCode = tablet;
        Console.Out.WriteLine($"Varde demo patient app: /pasient/registrer, enrolment code {tablet.Code} ({tablet.PatientName}), then choose a PIN.");
        var relative = await scope.ServiceProvider.GetRequiredService<DemoData>().IssueRelativeCodeAsync(ct);
        services.GetRequiredService<DemoMode>().RelativeCode = relative;
        Console.Out.WriteLine($"Varde demo relative: /pasient/parorende/logg-inn, one-time code {relative.Code} ({relative.RelativeName} for {relative.PatientName}).");
        Console.Out.WriteLine($"Varde demo logins (password for all: {DemoLogins.Password}):");
        foreach (var login in DemoLogins.All)
            Console.Out.WriteLine($"  {login.UserName,-12} {RoleNames.Nb(login.Role),-14} {login.Name}");
        Console.Out.WriteLine($"Varde demo device gateway: client_id={DemoLogins.GatewayClientId} client_secret={DemoLogins.GatewayClientSecret} (POST /connect/token, grant_type=client_credentials)");
    }
}
