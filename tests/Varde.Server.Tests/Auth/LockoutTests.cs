using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Auth;

/// <summary>
/// Guessing passwords: concurrent guesses are all counted, the fifth locks the account, and a locked account, a wrong
/// password and an unknown user name get the same answer at the token endpoint and on the login page.
/// </summary>
public abstract class LockoutTests(VardeApp app)
{
    [Fact]
    public async Task ThirtyConcurrentWrongPasswords_LockTheAccount_AndTheRightPasswordIsRefusedWhileLocked()
    {
        var guesses = Enumerable.Range(0, 30).Select(async i =>
        {
            using var client = app.CreateClient();
            using var response = await client.PostAsync("/connect/token", PasswordGrant("leader", $"wrong-{i}"));
            return response.StatusCode;
        });

        (await Task.WhenAll(guesses)).ShouldAllBe(s => s == HttpStatusCode.BadRequest);

        await using (var db = app.Database.NewContext())
        {
            var account = await db.Users.AsNoTracking().SingleAsync(u => u.Id == TestWorld.Leader);
            account.LockoutEnd.ShouldNotBeNull();
            account.LockoutEnd.Value.ShouldBeGreaterThan(app.Clock.GetUtcNow());
        }

        using var right = app.CreateClient();
        using var refused = await right.PostAsync("/connect/token", PasswordGrant("leader", TestWorld.Password));
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        using var later = await right.PostAsync("/connect/token", PasswordGrant("leader", TestWorld.Password));
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownUser_WrongPassword_AndLockedAccount_GetTheSameAnswer()
    {
        for (var i = 0; i < 5; i++)
        {
            using var guess = app.CreateClient();
            (await guess.PostAsync("/connect/token", PasswordGrant("coordinator.north", "wrong"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }

        using var client = app.CreateClient();
        var locked = await (await client.PostAsync("/connect/token", PasswordGrant("coordinator.north", "wrong"))).Content.ReadAsStringAsync();
        var unknown = await (await client.PostAsync("/connect/token", PasswordGrant("nobody.here", "wrong"))).Content.ReadAsStringAsync();
        var wrong = await (await client.PostAsync("/connect/token", PasswordGrant("specialist", "wrong"))).Content.ReadAsStringAsync();

        unknown.ShouldBe(wrong);
        locked.ShouldBe(wrong);

        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        var lockedPage = await TokenAndLoginTests.PostLoginAsync(browser, "coordinator.north", "wrong");
        var unknownPage = await TokenAndLoginTests.PostLoginAsync(browser, "nobody.here", "wrong");
        ErrorOf(lockedPage).ShouldBe(ErrorOf(unknownPage));
    }

    private static FormUrlEncodedContent PasswordGrant(string user, string password) =>
        new([new("grant_type", "password"), new("username", user), new("password", password)]);

    private static string ErrorOf(string page)
    {
        var start = page.IndexOf("role=\"alert\"", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0);
        return page[start..page.IndexOf("</p>", start, StringComparison.Ordinal)];
    }
}

public sealed class LockoutOnSqliteTests(SqliteApp app) : LockoutTests(app), IClassFixture<SqliteApp>;

public sealed class LockoutOnPostgresTests(PostgresApp app) : LockoutTests(app), IClassFixture<PostgresApp>;
