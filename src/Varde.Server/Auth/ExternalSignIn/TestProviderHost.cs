using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using Varde.Data;
using Varde.Domain.Pathways;
using Varde.TestIdentityProvider;

namespace Varde.Server.Auth.ExternalSignIn;

/// <summary>
/// Starts the stand-in OpenID provider (<see cref="TestIdentityProvider"/>) beside Varde when
/// <c>Auth:TestProvider:Enabled</c> is on (tests, <c>--demo</c>), with a fresh key pair for each of Varde's two
/// clients, and hands Varde the providers to use. It dates tokens by Varde's own clock. In the demo its sign-in page
/// lists the demo's staff (with HPR numbers) and followed patients.
/// </summary>
public sealed partial class TestProviderHost(IConfiguration configuration, TimeProvider clock, IServiceScopeFactory scopes, ILogger<TestProviderHost> logger)
    : IHostedService, IAsyncDisposable
{
    public const string HelseIdClientId = "varde-helseid";
    public const string IdPortenClientId = "varde-idporten";

    private TestIdentityProvider.TestIdentityProvider? _provider;
    private ExternalProviders? _providers;

    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("Auth:TestProvider:Enabled", false);

    public TestIdentityProvider.TestIdentityProvider Provider => _provider ?? throw new InvalidOperationException("The test provider has not started.");

    public ExternalProviders Providers => _providers ?? throw new InvalidOperationException("The test provider has not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var (staffKey, staffPublic) = NewKeyPair();
        var (patientKey, patientPublic) = NewKeyPair();
        _provider = await TestIdentityProvider.TestIdentityProvider.StartAsync(configuration["Auth:TestProvider:Url"] ?? "http://127.0.0.1:0", clock,
            [new TestClient(HelseIdClientId, TestProviderKind.HelseId, staffPublic), new TestClient(IdPortenClientId, TestProviderKind.IdPorten, patientPublic)],
            PeopleAsync, cancellationToken);
        _providers = new ExternalProviders
        {
            HelseId = new ExternalProvider(ExternalProviders.HelseIdScheme, _provider.Authority, HelseIdClientId, staffKey, "4"),
            IdPorten = new ExternalProvider(ExternalProviders.IdPortenScheme, _provider.Authority, IdPortenClientId, patientKey, "idporten-loa-high"),
            PasswordSignIn = ExternalProviders.PasswordSignInAllowed(configuration),
        };
        LogStandIn(logger, _provider.Authority);
    }

    [LoggerMessage(LogLevel.Warning, "The stand-in for HelseID and ID-porten is running at {Authority}: anyone can sign in as anyone there. For the demo and tests only, never in production (Auth:TestProvider:Enabled).")]
    private static partial void LogStandIn(ILogger logger, Uri authority);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_provider is not null)
            await _provider.DisposeAsync();
    }

    private static (SecurityKey Private, JsonWebKey Public) NewKeyPair()
    {
        var rsa = RSA.Create(2048);
        var kid = Guid.NewGuid().ToString("N");
        var publicKey = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = kid });
        return (new RsaSecurityKey(rsa) { KeyId = kid }, publicKey);
    }

    // Only the demo has people worth listing; tests type the person in.
    private async Task<IReadOnlyList<TestPerson>> PeopleAsync(TestProviderKind kind, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        if (!scope.ServiceProvider.GetRequiredService<Demo.DemoSetup.DemoMode>().Enabled)
            return [];
        var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
        if (kind == TestProviderKind.HelseId)
        {
            var staff = await db.StaffMembers.AsNoTracking().Where(s => s.DeactivatedAt == null && s.HprNumber != null).ToListAsync(ct);
            return [.. staff.OrderBy(s => s.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), false))
                .Select(s => new TestPerson(s.Name, null, s.HprNumber, $"{Components.RoleNames.Nb(s.Role)}, HPR {s.HprNumber}"))];
        }

        // The demo's tablet patient first (the one the demo's walk-throughs use), then others followed now.
        var tabletPatient = Demo.DemoPopulation.All[Demo.DemoPopulation.TabletPatientIndex].Id;
        var patients = await db.Patients.AsNoTracking()
            .Where(p => FollowedStates.Contains(db.Pathways.Where(w => w.PatientId == p.Id).OrderByDescending(w => w.ReferredAt).ThenByDescending(w => w.Id)
                .Select(w => (PathwayState?)w.State).FirstOrDefault()))
            .OrderBy(p => p.Id == tabletPatient ? 0 : 1).ThenBy(p => p.Name).Take(12).ToListAsync(ct);
        return [.. patients.Select(p => new TestPerson(p.Name, p.IdentityNumber, null, "pasient"))];
    }

    private static readonly PathwayState?[] FollowedStates = [null, PathwayState.TrialPeriod, PathwayState.Active];
}
