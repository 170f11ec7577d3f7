using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Varde.Server.Features.Notifications;

namespace Varde.Server.Tests.Features.Notifications;

/// <summary>The SMS boundary's HTTP side against a provider on 127.0.0.1: what it posts, with which key, and what a refusal becomes.</summary>
public sealed class HttpSmsGatewayTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string? Authorization, JsonElement Body)> _received = new();
    private readonly ConcurrentQueue<int> _statuses = new();
    private WebApplication _provider = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _provider = builder.Build();
        _provider.MapPost("/sms", async (HttpRequest request) =>
        {
            _received.Enqueue((request.Headers.Authorization.ToString(), await JsonSerializer.DeserializeAsync<JsonElement>(request.Body)));
            return Results.StatusCode(_statuses.TryDequeue(out var status) ? status : 202);
        });
        await _provider.StartAsync();
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    private static HttpSmsGateway Gateway(string url) => new(new HttpClient(), new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Notifications:Sms:Url"] = url, ["Notifications:Sms:ApiKey"] = "k-123", ["Notifications:Sms:Sender"] = "Horten",
    }).Build());

    [Fact]
    public async Task ItPostsNumberTextAndSenderWithTheKey_AndARefusalIsAnErrorWithTheStatusOnly()
    {
        var gateway = Gateway($"{_provider.Urls.First()}/sms");

        (await gateway.SendAsync("+4791234567", "Du har en ny melding fra oppfølgingstjenesten.", default)).ShouldBeNull();
        _statuses.Enqueue(500);
        (await gateway.SendAsync("+4791234567", "Hei", default)).ShouldBe("sms 500");

        var (authorization, body) = _received.First();
        authorization.ShouldBe("Bearer k-123");
        (body.GetProperty("to").GetString(), body.GetProperty("text").GetString(), body.GetProperty("sender").GetString())
            .ShouldBe(("+4791234567", "Du har en ny melding fra oppfølgingstjenesten.", "Horten"));
    }

    [Fact]
    public async Task AProviderThatCannotBeReached_IsAnErrorToRetry() =>
        (await Gateway("http://127.0.0.1:9/sms").SendAsync("+4791234567", "Hei", default)).ShouldNotBeNull().ShouldStartWith("sms unreachable");
}
