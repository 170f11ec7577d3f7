using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Varde.Data;
using Varde.Server.Auth.ExternalSignIn;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Auth;

/// <summary>Varde with the stand-in OpenID provider (HelseID and ID-porten) running beside it on 127.0.0.1, on Varde's clock.</summary>
public abstract class ExternalSignInApp(DatabaseProvider provider) : VardeApp(provider)
{
    public TestIdentityProvider.TestIdentityProvider IdentityProvider => Services.GetRequiredService<TestProviderHost>().Provider;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Auth:TestProvider:Enabled", "true");
    }
}

public sealed class ExternalSignInSqliteApp() : ExternalSignInApp(DatabaseProvider.Sqlite);

public sealed class ExternalSignInPostgresApp() : ExternalSignInApp(DatabaseProvider.Postgres);
