using System.Net;
using Microsoft.AspNetCore.Hosting;
using Varde.Data;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Auth;

/// <summary>Sign-in attempts from one address are limited (here to 5 a minute): the sixth is answered 429 with Retry-After, unchecked.</summary>
public sealed class RateLimitTests(RateLimitTests.LowLimitApp app) : IClassFixture<RateLimitTests.LowLimitApp>
{
    [Fact]
    public async Task SixthAttemptInAMinute_Is429WithRetryAfter_AndOtherRequestsAreNotLimited()
    {
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
            (await client.PostAsync("/connect/token", Guess(i))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var sixth = await client.PostAsync("/connect/token", Guess(6));
        sixth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        sixth.Headers.RetryAfter.ShouldNotBeNull();
        sixth.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await client.PostAsync("/pasient/logg-inn", new FormUrlEncodedContent([new("pin", "0000")]))).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        (await client.GetAsync("/login")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static FormUrlEncodedContent Guess(int i) =>
        new([new("grant_type", "password"), new("username", "nurse.south"), new("password", $"guess-{i}")]);

    public sealed class LowLimitApp() : VardeApp(DatabaseProvider.Sqlite)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Auth:RateLimits:SignInsPerMinute", "5");
        }
    }
}
