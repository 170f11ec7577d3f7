using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Varde.Domain.Patients;
using Varde.Server.Features.Patients;
using Varde.Server.Tests.Infrastructure;

namespace Varde.Server.Tests.Features.Patients;

/// <summary>
/// Issue 18 item 7 over HTTP on both databases: enrolling a person another service follows tells the nurse nothing about
/// the patient or the service (202 "transfer requested", once however often she asks); the service that follows the
/// patient sees who asked and answers; accepted, the patient moves with her history, the change is in her care history
/// and both steps in her access log; declined, nothing moves.
/// </summary>
public abstract class TransferTests(VardeApp app)
{
    private static object Person(string identityNumber, Guid municipality, string name = "Ola Overført") =>
        new { identityNumber, name, municipalityId = municipality, diagnoses = new[] { "copd" } };

    [Fact]
    public async Task EnrollingAPersonFollowedElsewhere_AsksForATransfer_WithoutDisclosingThePatient_AndAnAcceptedOneMovesThePatient()
    {
        var south = await app.ClientForAsync("nurse.south");
        var north = await app.ClientForAsync("nurse.north");
        var enrolled = await south.PostAsJsonAsync("/api/patients", Person("15835010187", TestWorld.Skien, "Trude Telemark"));
        enrolled.StatusCode.ShouldBe(HttpStatusCode.Created);
        var patientId = (await enrolled.Content.ReadFromJsonAsync<PatientResponse>(Json.Options))!.Id;

        var asked = await north.PostAsJsonAsync("/api/patients", Person("15835010187", TestWorld.Horten));
        asked.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await asked.Content.ReadAsStringAsync();
        body.ShouldContain("transfer-requested");
        foreach (var secret in new[] { "Trude", "Telemark", "Sør", "Skien", patientId.ToString() })
            body.ShouldNotContain(secret, Case.Insensitive, "the answer names nothing about the patient or who follows her");
        asked.Headers.Location.ShouldBeNull();
        (await north.PostAsJsonAsync("/api/patients", Person("15835010187", TestWorld.Horten))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await using (var db = app.Database.NewContext())
            (await db.TransferRequests.CountAsync(r => r.PatientId == patientId)).ShouldBe(1, "asking again while unanswered adds nothing");
        (await north.GetAsync($"/api/patients/{patientId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var outgoing = (await north.GetFromJsonAsync<ListTransferRequests.Answer>("/api/transfer-requests", Json.Options))!.Outgoing
            .Single(o => o.IdentityNumber == "15835010187");
        (outgoing.RequestedBy, outgoing.Answer, outgoing.PatientId).ShouldBe(("Nora Nord", (TransferAnswer?)null, (Guid?)null));

        var incoming = (await south.GetFromJsonAsync<ListTransferRequests.Answer>("/api/transfer-requests", Json.Options))!.Incoming
            .Single(i => i.PatientId == patientId);
        (incoming.PatientName, incoming.FromService, incoming.RequestedBy, incoming.Municipality).ShouldBe(("Trude Telemark", "Nord", "Nora Nord", "Horten"));

        var decision = $"/api/transfer-requests/{incoming.Id}/decision";
        (await north.PostAsJsonAsync(decision, new { answer = "Accepted" })).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the asking service cannot answer its own request");
        (await (await app.ClientForAsync("leader")).PostAsJsonAsync(decision, new { answer = "Accepted" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await south.PostAsJsonAsync(decision, new { note = "ok" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await south.PostAsJsonAsync(decision, new { answer = "Accepted", note = "Flyttet til Horten" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await south.PostAsJsonAsync(decision, new { answer = "Declined" })).StatusCode.ShouldBe(HttpStatusCode.NotFound, "no longer South's patient");

        var moved = await north.GetFromJsonAsync<PatientResponse>($"/api/patients/{patientId}", Json.Options);
        (moved!.FollowUpServiceId, moved.MunicipalityId).ShouldBe((TestWorld.North, TestWorld.Horten));
        (await south.GetAsync($"/api/patients/{patientId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "South's access ends at once");
        var care = (await north.GetFromJsonAsync<List<ListPatientCareChanges.Item>>($"/api/patients/{patientId}/care-changes", Json.Options))!;
        care.ShouldContain(c => c.Kind == PatientCareChangeKind.ServiceChanged && c.FromName == "Sør" && c.ToName == "Nord" && c.ByName == "Siv Sør");
        care.ShouldContain(c => c.Kind == PatientCareChangeKind.MunicipalityChanged && c.FromName == "Skien" && c.ToName == "Horten");
        var log = (await north.GetFromJsonAsync<ListAccessHistory.Page>($"/api/patients/{patientId}/access-log", Json.Options))!.Lines;
        log.ShouldContain(l => l.ActorName == "Nora Nord" && l.WhatEn == "asked to take over your follow-up");
        log.ShouldContain(l => l.ActorName == "Siv Sør" && l.WhatEn == "answered a request to take over your follow-up");
        (await north.GetFromJsonAsync<ListTransferRequests.Answer>("/api/transfer-requests", Json.Options))!.Outgoing
            .Single(o => o.Id == incoming.Id).ShouldSatisfyAllConditions(o => o.Answer.ShouldBe(TransferAnswer.Accepted), o => o.PatientId.ShouldBe(patientId));
    }

    [Fact]
    public async Task ADeclinedTransfer_MovesNothing_AndAReferralOfAPersonFollowedElsewhereIsAlsoOnlyARequest()
    {
        var south = await app.ClientForAsync("nurse.south");
        var north = await app.ClientForAsync("coordinator.north");
        var enrolled = await south.PostAsJsonAsync("/api/patients", Person("22874410156", TestWorld.Skien, "Gunn Grenland"));
        var patientId = (await enrolled.Content.ReadFromJsonAsync<PatientResponse>(Json.Options))!.Id;

        var referred = await north.PostAsJsonAsync("/api/pathways", new { source = "Fastlege", newPatient = Person("22874410156", TestWorld.Holmestrand) });
        referred.StatusCode.ShouldBe(HttpStatusCode.Accepted, await referred.Content.ReadAsStringAsync());
        (await referred.Content.ReadAsStringAsync()).ShouldNotContain("Gunn");

        var incoming = (await south.GetFromJsonAsync<ListTransferRequests.Answer>("/api/transfer-requests", Json.Options))!.Incoming.Single(i => i.PatientId == patientId);
        incoming.Municipality.ShouldBe("Holmestrand");
        (await south.PostAsJsonAsync($"/api/transfer-requests/{incoming.Id}/decision", new { answer = "Declined", note = "Pasienten vil bli" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await south.PostAsJsonAsync($"/api/transfer-requests/{incoming.Id}/decision", new { answer = "Accepted" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await south.GetAsync($"/api/patients/{patientId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await north.GetAsync($"/api/patients/{patientId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var outgoing = (await north.GetFromJsonAsync<ListTransferRequests.Answer>("/api/transfer-requests", Json.Options))!.Outgoing.Single(o => o.Id == incoming.Id);
        (outgoing.Answer, outgoing.PatientId).ShouldBe(((TransferAnswer?)TransferAnswer.Declined, (Guid?)null));
        (await south.GetFromJsonAsync<ListTransferRequests.Answer>("/api/transfer-requests", Json.Options))!.Incoming.ShouldNotContain(i => i.Id == incoming.Id);

        (await north.PostAsJsonAsync("/api/patients", Person("13097248022", TestWorld.Horten))).StatusCode
            .ShouldBe(HttpStatusCode.Conflict, "a person the service already follows is its own patient, nothing to hide");
    }
}

public sealed class TransferOnSqliteTests(SqliteApp app) : TransferTests(app), IClassFixture<SqliteApp>;

public sealed class TransferOnPostgresTests(PostgresApp app) : TransferTests(app), IClassFixture<PostgresApp>;
