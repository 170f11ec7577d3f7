using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using System.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Varde.Data.Identity;
using Varde.Domain.Access;
using Varde.Domain.Staff;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Administration;

/// <summary>An administrator in <see cref="TestWorld"/>'s North service, and the small steps the administration tests share.</summary>
public static partial class AdminKit
{
    public const string AdminUser = "admin";
    public static readonly Guid Admin = Guid.Parse("00000000-0000-0000-0001-0000000000aa");

    public static async Task<HttpClient> AdminClientAsync(VardeApp app)
    {
        await using (var db = app.Database.NewContext())
        {
            if (await db.StaffMembers.FindAsync(Admin) is null)
            {
                db.StaffMembers.Add(StaffMember.Create(Admin, "Tor Admin", Role.Administrator, TestWorld.North, null).Value);
                await db.SaveChangesAsync();
                using var scope = app.Services.CreateScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
                (await users.CreateAsync(new StaffAccount { Id = Admin, UserName = AdminUser }, TestWorld.Password)).Succeeded.ShouldBeTrue();
            }
        }

        return await app.ClientForAsync(AdminUser);
    }

    /// <summary>A staff member made for a test (in the organisation given, with the role given), signed in.</summary>
    public static async Task<HttpClient> StaffClientAsync(VardeApp app, string userName, Role role, Guid organisation)
    {
        var id = Guid.NewGuid();
        await using (var db = app.Database.NewContext())
        {
            db.StaffMembers.Add(StaffMember.Create(id, $"Test {userName}", role, organisation, null).Value);
            await db.SaveChangesAsync();
        }

        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffAccount>>();
            (await users.CreateAsync(new StaffAccount { Id = id, UserName = userName }, TestWorld.Password)).Succeeded.ShouldBeTrue();
        }

        return await app.ClientForAsync(userName);
    }

    /// <summary>Follows an invitation's set-up link through the API: the new user chooses a password.</summary>
    public static async Task<HttpResponseMessage> ChoosePasswordAsync(VardeApp app, string setUpLink, string password)
    {
        var query = HttpUtility.ParseQueryString(new Uri("http://x" + setUpLink).Query);
        using var client = app.CreateClient();
        return await client.PostAsJsonAsync("/api/account/password", new { userId = query["bruker"], code = query["kode"], password });
    }

    public static HttpClient Browser(VardeApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true });

    public static async Task<string> LogInAsync(HttpClient browser, string user, string password)
    {
        var form = await browser.GetStringAsync("/login");
        var token = AntiforgeryField().Match(form).Groups[1].Value;
        var response = await browser.PostAsync("/login", new FormUrlEncodedContent(
        [
            new("_handler", "login"), new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
            new("Input.UserName", user), new("Input.Password", password),
        ]));
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
