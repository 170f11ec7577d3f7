using OpenIddict.Abstractions;
using OpenIddict.Server;

namespace Varde.TestIdentityProvider;

/// <summary>Spoils the next identity token as <see cref="TestFaults"/> says (tests only ask for it).</summary>
internal sealed class ApplyTestFaults(TestFaults faults, TimeProvider clock) : IOpenIddictServerHandler<OpenIddictServerEvents.ProcessSignInContext>
{
    public ValueTask HandleAsync(OpenIddictServerEvents.ProcessSignInContext context)
    {
        if (context.IdentityTokenPrincipal is not { } principal || context.EndpointType != OpenIddictServerEndpointType.Token)
            return ValueTask.CompletedTask;
        switch (faults.TakeNext())
        {
            case TestFault.WrongAudience:
                principal.SetAudiences("another-service");
                break;
            case TestFault.Expired:
                var now = clock.GetUtcNow();
                principal.SetCreationDate(now.AddHours(-2)).SetExpirationDate(now.AddHours(-1));
                break;
        }

        return ValueTask.CompletedTask;
    }
}
