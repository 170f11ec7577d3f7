using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Varde.Data;
using Varde.Server.Features.Notifications;
using Varde.Server.Tests.Infrastructure;
using Varde.Testing;

namespace Varde.Server.Tests.Features.Notifications;

/// <summary>The SMS provider's side, faked (it crosses the process boundary): what it was given, and the errors to answer with.</summary>
public sealed class FakeSmsGateway : ISmsGateway
{
    private readonly ConcurrentQueue<string> _errors = new();

    public ConcurrentQueue<(string To, string Text)> Sent { get; } = new();

    public bool IsConfigured => true;

    public void FailNext(params string[] errors)
    {
        foreach (var error in errors)
            _errors.Enqueue(error);
    }

    public Task<string?> SendAsync(string phoneNumber, string text, CancellationToken ct)
    {
        if (_errors.TryDequeue(out var error))
            return Task.FromResult<string?>(error);
        Sent.Enqueue((phoneNumber, text));
        return Task.FromResult<string?>(null);
    }
}

/// <summary>Varde with an SMS provider (faked) and a push service on 127.0.0.1 for its patients' browsers.</summary>
public abstract class NotificationsApp(DatabaseProvider provider) : VardeApp(provider)
{
    public FakeSmsGateway Sms { get; } = new();

    public TestPushService Push { get; private set; } = null!;

    protected override async Task StartingAsync() => Push = await TestPushService.StartAsync();

    protected override async Task StoppedAsync() => await Push.DisposeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Notifications:PublicAddress", "https://varde.test/");
        builder.ConfigureTestServices(services => services.Replace(ServiceDescriptor.Singleton<ISmsGateway>(Sms)));
    }
}

public sealed class NotificationsOnSqliteApp() : NotificationsApp(DatabaseProvider.Sqlite);

public sealed class NotificationsOnPostgresApp() : NotificationsApp(DatabaseProvider.Postgres);
