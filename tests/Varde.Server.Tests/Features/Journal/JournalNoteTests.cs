using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Varde.Data;
using Varde.Domain.Journal;
using Varde.Server.Features.Delivery;
using Varde.Server.Features.Fhir;
using Varde.Server.Features.Journal;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Tests.Features.Journal;

/// <summary>
/// Issue 20 item 5: when a nurse handles an alert, a journal note is made once — the readings of the week and their
/// zones, the alert, what was done, the plan in force — and the GP's system reads it as a Composition, as the whole
/// document, and as a PDF; it goes through the delivery boundary with retries.
/// </summary>
public abstract class JournalNoteTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    [Fact]
    public async Task AHandledAlert_BecomesOneJournalNote_TheGpReadsAsCompositionDocumentAndPdf()
    {
        var (patient, alertId) = await HandledRedAsync();
        var gp = await app.ClientForAsync("gp");
        (await SearchAsync(gp, patient)).Total.ShouldBe(0, "not before the job has made it");

        (await WriteAsync()).ShouldBeGreaterThanOrEqualTo(1);
        await WriteAsync();
        await using (var db = app.Database.NewContext())
            (await db.JournalNotes.CountAsync(n => n.AlertId == alertId)).ShouldBe(1, "one note per alert, however often the job runs");

        var found = await SearchAsync(gp, patient);
        var composition = found.Entry.ShouldHaveSingleItem().Resource.ShouldBeOfType<Composition>();
        composition.Status.ShouldBe(CompositionStatus.Final);
        composition.Type.Coding.Single().Code.ShouldBe(JournalDocument.NoteType);
        composition.Subject!.Reference.ShouldBe($"Patient/{patient}");
        composition.Section.Select(s => s.Title).ShouldBe(["Målinger i perioden", "Varsel", "Tiltak", "Oppfølgingsplan"]);
        composition.Section[0].Entry.Count.ShouldBe(2);
        composition.Section[0].Text!.Div!.ShouldContain("2 målinger: 1 rød, 1 grønn");
        composition.Section[1].Entry.Single().Reference.ShouldBe($"DetectedIssue/{alertId}");
        composition.Section[2].Text!.Div!.ShouldContain("Kontaktet pasienten");
        composition.Section[2].Text!.Div!.ShouldContain("Ringt pasienten, fulgt planen.");
        composition.Section[3].Entry.Single().Reference.ShouldStartWith("CarePlan/");

        var document = await FhirAsync<Bundle>(gp, $"/fhir/Composition/{composition.Id}/$document");
        document.Type.ShouldBe(Bundle.BundleType.Document);
        document.Entry[0].Resource.ShouldBeOfType<Composition>().Id.ShouldBe(composition.Id);
        document.Entry.Select(e => e.Resource!.TypeName).ShouldBe(["Composition", "Patient", "DetectedIssue", "Observation", "Observation"]);
        foreach (var reference in composition.Section.SelectMany(s => s.Entry).Where(r => !r.Reference!.StartsWith("CarePlan/", StringComparison.Ordinal)))
            document.Entry.ShouldContain(e => e.FullUrl!.EndsWith("/" + reference.Reference, StringComparison.Ordinal), $"{reference.Reference} is in the document");

        var pdf = await gp.GetAsync($"/api/patients/{patient}/journal-notes/{composition.Id}/pdf");
        pdf.StatusCode.ShouldBe(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        using (var read = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(bytes), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import))
        {
            read.PageCount.ShouldBeGreaterThanOrEqualTo(1);
            read.Info.Title.ShouldStartWith("Journalnotat");
            var fonts = read.Internals.GetAllObjects().OfType<PdfSharp.Pdf.PdfDictionary>()
                .Where(d => d.Elements.GetName("/Type") == "/FontDescriptor").ToList();
            fonts.ShouldNotBeEmpty();
            fonts.ShouldAllBe(f => f.Elements.GetName("/FontName").EndsWith("+DejaVu Sans", StringComparison.Ordinal) && f.Elements.ContainsKey("/FontFile2"), "DejaVu Sans, embedded");
        }

        var south = await app.ClientForAsync("nurse.south");
        (await south.GetAsync($"/fhir/Composition/{composition.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await south.GetAsync($"/api/patients/{patient}/journal-notes/{composition.Id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using (var db = app.Database.NewContext())
            (await db.AccessLog.AnyAsync(e => e.PatientId == patient && e.Action == "fhir.composition.search" && e.ActorId == TestWorld.Gp.ToString())).ShouldBeTrue();
    }

    [Fact]
    public async Task ANoteGoesThroughTheBoundary_RetriedAfterTheDelay_AndTheTriesAreKept()
    {
        var (_, alertId) = await HandledRedAsync();
        var boundary = new FlakyBoundary(failures: 1);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<VardeDbContext>();
        var writer = new JournalNoteWriter(db, [boundary], scope.ServiceProvider.GetRequiredService<IConfiguration>(), app.Clock, NullLogger<JournalNoteWriter>.Instance);
        await writer.RunAsync(default);
        var delivery = new JournalNoteDelivery(db, [boundary], app.Clock);

        (await delivery.RunAsync(default)).ShouldBe(0);
        (await delivery.RunAsync(default)).ShouldBe(0, "not again before the delay");
        app.Clock.Advance(JournalNote.RetryDelays[0]);
        (await delivery.RunAsync(default)).ShouldBe(1);

        db.ChangeTracker.Clear();
        var note = await db.JournalNotes.SingleAsync(n => n.AlertId == alertId);
        (note.Delivery, note.Attempts, note.LastStatus).ShouldBe((JournalDeliveryState.Delivered, 2, "taken"));
        boundary.Tried.Where(id => id == note.Id).Count().ShouldBe(2);
    }

    private async Task<(Guid Patient, Guid Alert)> HandledRedAsync()
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        var gateway = await app.GatewayClientAsync();
        (await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", 95m, Now.AddHours(-3)))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await gateway.PostAsJsonAsync($"/api/patients/{patient}/measurements", Reading("oxygen-saturation", 86m, Now.AddMinutes(-5)))).StatusCode.ShouldBe(HttpStatusCode.Created);
        Guid alertId;
        await using (var db = app.Database.NewContext())
            alertId = await db.Alerts.Where(a => a.PatientId == patient).Select(a => a.Id).SingleAsync();
        var nurse = await app.ClientForAsync("nurse.north");
        (await nurse.PostAsJsonAsync($"/api/alerts/{alertId}/handle", new { action = "contacted-patient", note = "Ringt pasienten, fulgt planen." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        return (patient, alertId);
    }

    private async Task<int> WriteAsync()
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<JournalNoteWriter>().RunAsync(default);
    }

    private static Task<Bundle> SearchAsync(HttpClient client, Guid patient) => FhirAsync<Bundle>(client, $"/fhir/Composition?patient={patient}");

    private static async Task<T> FhirAsync<T>(HttpClient client, string path)
        where T : Resource
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<Resource>(body, FhirJson.Strict).ShouldBeOfType<T>();
    }

    /// <summary>A record system that refuses the first tries, then takes the notes.</summary>
    private sealed class FlakyBoundary(int failures) : IOutboundDelivery
    {
        private int _left = failures;

        public ConcurrentQueue<Guid> Tried { get; } = new();

        public Task<(bool Delivered, string Status)> DeliverAsync(Outgoing item, CancellationToken ct)
        {
            Tried.Enqueue(item.Id);
            return Task.FromResult(Interlocked.Decrement(ref _left) >= 0 ? (false, "busy") : (true, "taken"));
        }
    }
}

public sealed class JournalNoteOnSqliteTests(SqliteApp app) : JournalNoteTests(app), IClassFixture<SqliteApp>;

public sealed class JournalNoteOnPostgresTests(PostgresApp app) : JournalNoteTests(app), IClassFixture<PostgresApp>;

/// <summary>The two boundaries Varde ships, against a real folder and a record system's endpoint on 127.0.0.1.</summary>
public sealed class JournalDeliveryBoundaryTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string? Authorization, string? ContentType, string Body)> _received = new();
    private WebApplication _record = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _record = builder.Build();
        _record.MapPost("/fhir/Bundle", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            _received.Enqueue((request.Headers.Authorization.ToString(), request.ContentType, await reader.ReadToEndAsync()));
            return Results.StatusCode(_received.Count == 1 ? 503 : 201);
        });
        await _record.StartAsync();
    }

    public async Task DisposeAsync() => await _record.DisposeAsync();

    private static JournalNote Note() => JournalNote.Made(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "nurse",
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddDays(7), """{"resourceType":"Bundle","type":"document"}""", [0x25, 0x50, 0x44, 0x46], true, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task TheFolder_GetsTheDocumentAndItsPdf()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"varde-journal-{Guid.NewGuid():N}");
        try
        {
            var note = Note();
            (await new FolderDelivery(folder).DeliverAsync(new Outgoing(note.Id, note.Document, note.Pdf), default)).ShouldBe((true, "file written"));
            (await File.ReadAllTextAsync(Path.Combine(folder, $"{note.Id}.json"))).ShouldBe(note.Document);
            (await File.ReadAllBytesAsync(Path.Combine(folder, $"{note.Id}.pdf"))).ShouldBe(note.Pdf);
            Directory.GetFiles(folder, "*.partial").ShouldBeEmpty();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task TheRecordSystemsEndpoint_GetsTheDocumentWithTheKey_AndARefusalIsAStatusToRetry()
    {
        using var http = new HttpClient();
        var boundary = new HttpDelivery(http, $"{_record.Urls.First()}/fhir/Bundle", "record-key");
        var note = Note();
        var outgoing = new Outgoing(note.Id, note.Document, note.Pdf);

        (await boundary.DeliverAsync(outgoing, default)).ShouldBe((false, "http 503"));
        (await boundary.DeliverAsync(outgoing, default)).ShouldBe((true, "http 201"));
        var (authorization, contentType, body) = _received.Last();
        (authorization, contentType, body).ShouldBe(("Bearer record-key", "application/fhir+json; charset=utf-8", note.Document));
        (await new HttpDelivery(http, "http://127.0.0.1:9/fhir/Bundle", null).DeliverAsync(outgoing, default)).Status.ShouldStartWith("http unreachable");
    }
}
