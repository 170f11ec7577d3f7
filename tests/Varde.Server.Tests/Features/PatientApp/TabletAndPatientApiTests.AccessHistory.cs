using System.Net;
using System.Net.Http.Json;
using Varde.Domain.Access;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.PatientApp;

public abstract partial class TabletAndPatientApiTests
{
    [Fact]
    public async Task ThePatient_SeesWhoHasSeenTheirData_InPlainWords_AndTheirOwnLookIsLoggedToo()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var nurse = await app.ClientForAsync("nurse.north");
        (await nurse.GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await nurse.GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.ClientForAsync("nurse.south")).GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var tablet = await EnrolledTabletAsync(await IssueCodeAsync(patient));
        app.Clock.Advance(TimeSpan.FromSeconds(1));

        var page = (await tablet.GetFromJsonAsync<ListAccessHistory.Page>("/pasient/api/access-log", Json.Options))!;

        var opened = page.Lines.Single(l => l.Action == "patient.read" && !l.Refused);
        (opened.ActorName, opened.ActorRole, opened.Organisation, opened.Times, opened.WhatNb).ShouldBe(("Nora Nord", Role.Nurse, "Nord", 2, "åpnet pasientsiden din"));
        var refused = page.Lines.Single(l => l.Refused);
        (refused.ActorName, refused.Organisation, refused.Action).ShouldBe(("Siv Sør", "Sør", "patient.read"));
        page.Lines.ShouldContain(l => l.Action == "tablet.issue" && l.WhatEn == "gave you a tablet code");
        var own = page.Lines[0];
        (own.You, own.Action, own.Organisation).ShouldBe((true, ListAccessHistory.Action, (string?)null));
        page.Lines.Select(l => l.LatestAt).ShouldBeInOrder(SortDirection.Descending);
        page.Before.ShouldBeNull();
        (await tablet.GetAsync($"/api/patients/{patient}/access-log")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
