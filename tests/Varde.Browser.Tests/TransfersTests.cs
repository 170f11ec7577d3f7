using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Varde.Data;
using Varde.Domain.Access;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Staff;
using Varde.Server.Demo;

namespace Varde.Browser.Tests;

/// <summary>
/// Issue 18 item 7 in real Chromium: a nurse who registers a referral for a person another service follows is told only
/// that a transfer was requested; a request from another service to take over one of her patients waits on
/// "Overføringer", where she accepts it and the patient leaves her list. axe on both screens; screenshots.
/// </summary>
public sealed class TransfersTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly Guid Larvik = Guid.CreateVersion7(), LarvikService = Guid.CreateVersion7(), LarvikNurse = Guid.CreateVersion7();

    [Fact]
    public async Task AReferralOfSomeoneFollowedElsewhere_IsOnlyARequest_AndARequestToUs_IsAnsweredOnTheTransfersPage()
    {
        var followedInLarvik = NumberStarting("120476");
        var ours = DemoPopulation.All[3];
        await SeedLarvikAsync(followedInLarvik, ours.Id);

        // The patient's GP has the patient's page open throughout: it must keep updating after the move.
        var gpLogin = await GpLoginOfAsync(ours.Id);
        var gp = await app.SignedInPageAsync(gpLogin, "/patients");
        await gp.GotoAsync($"/patients/{ours.Id}");
        await Assertions.Expect(gp.GetByTestId("report-row").First).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("reports-table")).Not.ToContainTextAsync("123,4");

        var nurse = await app.SignedInPageAsync("sykepleier1");
        await nurse.GotoAsync("/pathways");
        await nurse.GetByTestId("new-referral").ClickAsync();
        var form = nurse.GetByTestId("referral-form");
        await form.GetByLabel("Henvist fra").FillAsync("Fastlege Per Aas");
        await form.GetByLabel("Fødselsnummer eller D-nummer").FillAsync(followedInLarvik);
        await form.GetByLabel("Navn").FillAsync("Lars Flytter");
        await nurse.Locator("#ref-municipality").SelectOptionAsync(new SelectOptionValue { Label = "Horten kommune" });
        await form.GetByRole(AriaRole.Button, new() { Name = "Registrer henvisning" }).ClickAsync();
        await Assertions.Expect(form.GetByTestId("transfer-requested")).ToContainTextAsync("forespørsel om å overføre");
        await Assertions.Expect(form).Not.ToContainTextAsync("Larvik");
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
        await nurse.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "transfer-requested.png"), FullPage = true });

        await nurse.GotoAsync("/patients");
        await Assertions.Expect(nurse.GetByTestId("transfers-link")).ToContainTextAsync("(1 forespørsel");
        await nurse.GetByTestId("transfers-link").ClickAsync();
        await Assertions.Expect(nurse.Locator("h1")).ToHaveTextAsync("Overføringer mellom tjenester");
        var request = nurse.GetByTestId("transfer-incoming").Filter(new() { HasText = ours.Name });
        await Assertions.Expect(request).ToContainTextAsync("Oppfølgingstjenesten Larvik");
        await Assertions.Expect(request).ToContainTextAsync("Lena Larvik");
        await Assertions.Expect(nurse.GetByTestId("transfer-outgoing").Filter(new() { HasText = followedInLarvik })).ToHaveAttributeAsync("data-answer", "none");
        await Accessibility.ShouldHaveNoViolationsAsync(nurse);
        await nurse.ScreenshotAsync(new() { Path = Path.Combine(BrowserApp.ScreenshotFolder, "transfers-page.png"), FullPage = true });

        await request.GetByLabel("Merknad (valgfri)").FillAsync("Pasienten har flyttet til Larvik");
        await request.GetByTestId("transfer-accept").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("transfer-saved")).ToContainTextAsync("godtatt");
        await Assertions.Expect(nurse.GetByTestId("transfer-incoming")).ToHaveCountAsync(0);

        await nurse.GotoAsync($"/patients?q={Uri.EscapeDataString(ours.Name)}");
        await Assertions.Expect(nurse.Locator("main")).Not.ToContainTextAsync(ours.IdentityNumber);

        // A reading after the move is the new service's change: the GP's open page, which followed the old service, shows it.
        using var api = await app.ApiClientAsync(gpLogin);
        using var reading = await api.PostAsJsonAsync($"/api/patients/{ours.Id}/measurements", new
        {
            clientId = $"after-move-{Guid.NewGuid()}", type = "body-weight", value = 123.4m, unit = "kg", effectiveAt = app.Clock.GetUtcNow().AddMinutes(-1),
        });
        reading.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await reading.Content.ReadAsStringAsync());
        await Assertions.Expect(gp.GetByTestId("reports-table")).ToContainTextAsync("123,4", new() { Timeout = 15_000 });
    }

    private async Task<string> GpLoginOfAsync(Guid patientId)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
        var gp = (await db.Patients.FindAsync(patientId))!.GpStaffId;
        return DemoLogins.All.Single(l => DemoIds.For(l.UserName) == gp).UserName;
    }

    private static string NumberStarting(string birth)
    {
        for (var individual = 300; ; individual++)
        {
            if (NorwegianIdentityNumber.WithControlDigits($"{birth}{individual:000}") is { } number)
                return number;
        }
    }

    /// <summary>A second follow-up service, in Larvik, that follows one person and asks to take over one of ours.</summary>
    private async Task SeedLarvikAsync(string identityNumber, Guid ourPatient)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
        var now = app.Clock.GetUtcNow();
        var larvik = Organisation.Municipality(Larvik, "Larvik kommune", "3805", null).Value;
        db.Organisations.AddRange(larvik, Organisation.FollowUpService(LarvikService, "Oppfølgingstjenesten Larvik", [larvik], null).Value);
        db.StaffMembers.Add(StaffMember.Create(LarvikNurse, "Lena Larvik", Role.Nurse, LarvikService, null).Value);
        db.Patients.Add(Patient.Enrol(Guid.CreateVersion7(), identityNumber, "Lars Flytter", LarvikService, Larvik, null, null, DiagnosisGroup.Copd, now.AddDays(-10)).Value);
        db.TransferRequests.Add(new TransferRequest(Guid.CreateVersion7(), ourPatient, LarvikService, Larvik, null, LarvikNurse.ToString(), now.AddHours(-1)));
        await db.SaveChangesAsync();
    }
}
