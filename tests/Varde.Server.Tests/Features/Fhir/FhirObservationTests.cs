using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Rest;
using Varde.Server.Features.Fhir;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;
using Task = System.Threading.Tasks.Task;

namespace Varde.Server.Tests.Features.Fhir;

/// <summary>The FHIR API with Firely's FhirClient over real HTTP (Kestrel on 127.0.0.1), on both databases.</summary>
public abstract class FhirObservationTests(VardeApp app)
{
    private DateTimeOffset Now => app.Clock.GetUtcNow();

    private async Task<FhirClient> FhirAsync(string? user = null)
    {
        var http = user is null ? await app.GatewayClientAsync() : await app.ClientForAsync(user);
        return new FhirClient(new Uri(http.BaseAddress!, "/fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });
    }

    private static Observation Spo2(Guid patient, decimal value, DateTimeOffset at, string? identifier = null)
    {
        var o = new Observation
        {
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(ObservationCodes.CategorySystem, "vital-signs")],
            Code = new CodeableConcept(ObservationCodes.Loinc, "2708-6"),
            Subject = new ResourceReference($"Patient/{patient}"),
            Effective = new FhirDateTime(at),
            Value = new Quantity { Value = value, System = ObservationCodes.Ucum, Code = "%", Unit = "%" },
        };
        o.Code.Coding.Add(new Coding(ObservationCodes.Mdc, "150456"));
        o.Identifier.Add(new Identifier("urn:oid:2.16.578.1.99.1", identifier ?? Guid.NewGuid().ToString()));
        return o;
    }

    private static void ShouldRoundTrip(Resource resource)
    {
        var json = JsonSerializer.Serialize(resource, FhirJson.Output);
        var parsed = JsonSerializer.Deserialize<Resource>(json, FhirJson.Strict)!;
        JsonSerializer.Serialize(parsed, FhirJson.Output).ShouldBe(json);
    }

    [Fact]
    public async Task Metadata_ListsWhatWorks()
    {
        var client = await FhirAsync();

        var statement = await client.CapabilityStatementAsync();

        statement!.FhirVersion.ShouldBe(FHIRVersion.N4_0_1);
        statement.Rest[0].Resource.Select(r => r.Type).ShouldBe(["Observation", "Patient", "Questionnaire", "QuestionnaireResponse", "DetectedIssue", "Communication",
            "CarePlan", "Goal", "Composition", "Device", "Group", "Subscription"]);
        statement.Rest[0].Resource[0].ConditionalCreate.ShouldBe(true);
        ShouldRoundTrip(statement);
    }

    [Fact]
    public async Task Create_StoresTriagesAndAnswersWithTheInterpretation_AndReadsBack()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var gateway = await FhirAsync();

        var created = await gateway.CreateAsync(Spo2(patient, 86m, Now.AddMinutes(-3)));

        created!.Id.ShouldNotBeNullOrEmpty();
        created.Interpretation[0].Coding.Select(c => c.Code).ShouldBe(["AA", "red"]);
        created.Interpretation[0].Text!.ShouldContain("SpO2 86 %");
        created.Code.Coding[0].Code.ShouldBe("2708-6");
        created.Value.ShouldBeOfType<Quantity>().Code.ShouldBe("%");
        ShouldRoundTrip(created);

        var nurse = await FhirAsync("nurse.north");
        var read = await nurse.ReadAsync<Observation>($"Observation/{created.Id}");
        read!.Interpretation[0].Coding[1].Code.ShouldBe("red");
        var south = await FhirAsync("nurse.south");
        var denied = await Should.ThrowAsync<FhirOperationException>(() => south.ReadAsync<Observation>($"Observation/{created.Id}"));
        denied.Status.ShouldBe(HttpStatusCode.NotFound);
        await nurse.SearchAsync<Observation>([$"patient={patient}"]);

        await using var db = app.Database.NewContext();
        var logged = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.AccessLog.Where(e => e.PatientId == patient));
        logged.Select(e => (e.Action, e.Outcome)).ShouldContain(("fhir.observation.read", Varde.Domain.Access.AccessOutcome.Allowed));
        logged.Select(e => (e.Action, e.Outcome)).ShouldContain(("fhir.observation.read", Varde.Domain.Access.AccessOutcome.Denied));
        logged.Select(e => e.Action).ShouldContain("fhir.observation.search");
    }

    [Fact]
    public async Task BloodPressurePanel_IsStoredWithBothComponents()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var bp = new Observation
        {
            Status = ObservationStatus.Final,
            Code = new CodeableConcept(ObservationCodes.Loinc, "85354-9"),
            Subject = new ResourceReference($"Patient/{patient}"),
            Effective = new FhirDateTime(Now.AddMinutes(-1)),
            Component =
            [
                new() { Code = new CodeableConcept(ObservationCodes.Loinc, "8480-6"), Value = new Quantity { Value = 17.3m, System = ObservationCodes.Ucum, Code = "kPa" } },
                new() { Code = new CodeableConcept(ObservationCodes.Mdc, "150022"), Value = new Quantity { Value = 10.7m, System = ObservationCodes.Ucum, Code = "kPa" } },
            ],
        };

        var created = await (await FhirAsync()).CreateAsync(bp);

        created!.Component.Select(c => c.Value.ShouldBeOfType<Quantity>().Value).ShouldBe([130m, 80m]);
        created.Component.Select(c => c.Value.ShouldBeOfType<Quantity>().Code).ShouldBe(["mm[Hg]", "mm[Hg]"]);
    }

    [Fact]
    public async Task ConditionalCreate_201Then200SameId_400WithoutCriterion_412OnSeveralMatches()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var other = await PatientAsync(app, Now.AddDays(-10));
        var gateway = await FhirAsync();
        var reading = Spo2(patient, 95m, Now.AddMinutes(-2), "reading-" + Guid.NewGuid());
        var criterion = $"identifier=urn:oid:2.16.578.1.99.1|{reading.Identifier[0].Value}";

        var first = await gateway.ConditionalCreateAsync(reading, SearchParams.FromUriParamList(UriParamList.FromQueryString(criterion)));
        gateway.LastResult!.Status.ShouldStartWith("201");
        var second = await gateway.ConditionalCreateAsync(reading, SearchParams.FromUriParamList(UriParamList.FromQueryString(criterion)));
        gateway.LastResult!.Status.ShouldStartWith("200");
        second!.Id.ShouldBe(first!.Id);

        var http = await app.GatewayClientAsync();
        var empty = await PostAsync(http, reading, ("If-None-Exist", ""));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var shared = "shared-" + Guid.NewGuid();
        await gateway.CreateAsync(Spo2(patient, 95m, Now.AddMinutes(-2), shared));
        await gateway.CreateAsync(Spo2(other, 95m, Now.AddMinutes(-2), shared));
        var twice = await PostAsync(http, Spo2(patient, 95m, Now.AddMinutes(-2), shared), ("If-None-Exist", $"identifier=urn:oid:2.16.578.1.99.1|{shared}"));
        twice.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await ReadOutcomeAsync(twice)).Issue[0].Code.ShouldBe(OperationOutcome.IssueType.MultipleMatches);
    }

    [Fact]
    public async Task ABodyThatIsNotAResource_IsA400WithAnOutcome_AndNoTokenIsA401ThatSaysBearer()
    {
        var http = await app.GatewayClientAsync();
        foreach (var path in new[] { "/fhir/Observation", "/fhir", "/fhir/QuestionnaireResponse", "/fhir/Device" })
        {
            foreach (var body in new[] { "[]", "1", "\"Observation\"", "null", "{}" })
            {
                var response = await http.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/fhir+json"));
                response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, $"{path} {body}");
                (await ReadOutcomeAsync(response)).Issue[0].Severity.ShouldBe(OperationOutcome.IssueSeverity.Error);
            }
        }

        var anonymous = await app.CreateClient().GetAsync("/fhir/Observation?patient=" + Guid.NewGuid());
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        anonymous.Headers.WwwAuthenticate.ShouldContain(h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task NothingIsDroppedSilently_AForeignSubjectIsRefused_AndAConditionalCreateOfAChangedBodyAnswersTheMatch()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var http = await app.GatewayClientAsync();

        var noted = Spo2(patient, 95m, Now.AddMinutes(-4));
        noted.Note.Add(new Annotation { Text = "Målt etter trappen" });
        noted.BodySite = new CodeableConcept(ObservationCodes.Snomed, "16416001");
        noted.Identifier.Add(new Identifier("urn:oid:2.16.578.1.99.2", "second"));
        var refused = await PostAsync(http, noted);
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var diagnostics = (await ReadOutcomeAsync(refused)).Issue[0].Diagnostics ?? "";
        diagnostics.ShouldNotContain("Observation.note", Case.Sensitive, "Varde keeps a note's text (issue 23)");
        diagnostics.ShouldContain("Observation.bodySite");
        diagnostics.ShouldContain("identifier (more than one)");

        // A note alone is kept with the reading, one line per note, and comes back on it.
        var withNotes = Spo2(patient, 95m, Now.AddMinutes(-5));
        withNotes.Note.Add(new Annotation { Text = "Målt etter trappen" });
        withNotes.Note.Add(new Annotation { Text = "The device said: low perfusion detected." });
        var kept = await PostAsync(http, withNotes);
        kept.StatusCode.ShouldBe(HttpStatusCode.Created, await kept.Content.ReadAsStringAsync());
        var stored = (Observation)JsonSerializer.Deserialize<Resource>(await kept.Content.ReadAsStringAsync(), FhirJson.Strict)!;
        stored.Note.Select(n => n.Text).ShouldBe(["Målt etter trappen\nThe device said: low perfusion detected."]);

        var foreign = Spo2(patient, 95m, Now.AddMinutes(-4));
        foreign.Subject = new ResourceReference($"http://other.example.org/fhir/Patient/{patient}");
        var elsewhere = await PostAsync(http, foreign);
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ReadOutcomeAsync(elsewhere)).Issue[0].Diagnostics!.ShouldContain("another server");

        var key = "changed-" + Guid.NewGuid();
        var first = await PostAsync(http, Spo2(patient, 95m, Now.AddMinutes(-3), key));
        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        var criterion = ("If-None-Exist", $"identifier=urn:oid:2.16.578.1.99.1|{key}");
        var changed = await PostAsync(http, Spo2(patient, 91m, Now.AddMinutes(-3), key), criterion);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK, "one match: the post is ignored and the match answered");
        var match = (Observation)JsonSerializer.Deserialize<Resource>(await changed.Content.ReadAsStringAsync(), FhirJson.Strict)!;
        match.Value.ShouldBeOfType<Quantity>().Value.ShouldBe(95m);
        (await PostAsync(http, Spo2(patient, 91m, Now.AddMinutes(-3), key))).StatusCode.ShouldBe(HttpStatusCode.Conflict, "without the condition a reused key is a conflict");
    }

    [Fact]
    public async Task FiftyConcurrentIdenticalConditionalCreates_StoreExactlyOne()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var reading = Spo2(patient, 94m, Now.AddMinutes(-2), "burst-" + Guid.NewGuid());
        var http = await app.GatewayClientAsync();
        var criterion = ("If-None-Exist", $"identifier=urn:oid:2.16.578.1.99.1|{reading.Identifier[0].Value}");

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => PostAsync(http, reading, criterion)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(49);
        var ids = await Task.WhenAll(responses.Select(async r => JsonSerializer.Deserialize<Resource>(await r.Content.ReadAsStringAsync(), FhirJson.Strict)!.Id));
        ids.Distinct().ShouldHaveSingleItem();
        var nurse = await FhirAsync("nurse.north");
        var found = await nurse.SearchAsync<Observation>([$"patient=Patient/{patient}"]);
        found!.Total.ShouldBe(1);
    }

    [Fact]
    public async Task BadInput_GetsAnOperationOutcome_AndStoresNothing()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var http = await app.GatewayClientAsync();
        var unknownCode = Spo2(patient, 95m, Now);
        unknownCode.Code = new CodeableConcept(ObservationCodes.Loinc, "1234-5");
        var badUnit = Spo2(patient, 95m, Now);
        badUnit.Value.ShouldBeOfType<Quantity>().Code = "kg";

        (await PostAsync(http, unknownCode)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostAsync(http, badUnit)).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await PostRawAsync(http, "{\"resourceType\":\"Observation\",\"status\":\"final\",", "application/fhir+json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostRawAsync(http, "{\"resourceType\":\"Observation\",\"status\":\"final\",\"effectiveDateTime\":\"2026-13-45\"}", "application/fhir+json"))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var deep = string.Concat(Enumerable.Repeat("{\"extension\":[", 80)) + string.Concat(Enumerable.Repeat("]}", 80));
        (await PostRawAsync(http, deep, "application/fhir+json")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await PostRawAsync(http, "<Observation/>", "application/xml")).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await PostRawAsync(http, new string(' ', FhirJson.MaxBodyBytes + 10), "application/fhir+json")).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await http.GetAsync("/fhir/Medication/1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.DeleteAsync("/fhir/Observation/1")).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);

        var nurse = await FhirAsync("nurse.north");
        (await nurse.SearchAsync<Observation>([$"patient=Patient/{patient}"]))!.Total.ShouldBe(0);
    }

    [Fact]
    public async Task Search_ByCodeDateAndLastUpdated_SortsAndPages_AndNeverLeaksAnotherServicesPatient()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var gateway = await FhirAsync();
        for (var day = 5; day >= 1; day--)
            await gateway.CreateAsync(Spo2(patient, 95m, Now.AddDays(-day)));
        var weight = Spo2(patient, 80m, Now.AddHours(-1));
        weight.Code = new CodeableConcept(ObservationCodes.Snomed, "27113001");
        weight.Value = new Quantity { Value = 80m, System = ObservationCodes.Ucum, Code = "kg" };
        await gateway.CreateAsync(weight);
        var nurse = await FhirAsync("nurse.north");

        var page = await nurse.SearchAsync<Observation>([$"patient=Patient/{patient}", $"code={ObservationCodes.Loinc}|2708-6", "_count=2"]);
        page!.Total.ShouldBe(5);
        page.Entry.Count.ShouldBe(2);
        var dates = page.Entry.Select(e => e.Resource.ShouldBeOfType<Observation>().Effective.ShouldBeOfType<FhirDateTime>().ToDateTimeOffset(TimeSpan.Zero)).ToList();
        dates.ShouldBeInOrder(SortDirection.Descending);
        var next = await nurse.ContinueAsync(page);
        next!.Entry.Count.ShouldBe(2);
        var last = await nurse.ContinueAsync(next);
        last!.Entry.Count.ShouldBe(1);
        last.NextLink.ShouldBeNull();

        // Medplum asks for 1000 by default: capped at 500 with a warning in the bundle, not refused; every type takes _count.
        var big = await nurse.SearchAsync<Observation>([$"patient=Patient/{patient}", "_count=1000"]);
        big!.Total.ShouldBe(6);
        big.Entry.Count(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).ShouldBe(6);
        big.Entry.Single(e => e.Search!.Mode == Bundle.SearchEntryMode.Outcome).Resource.ShouldBeOfType<OperationOutcome>()
            .Issue.Single().Severity.ShouldBe(OperationOutcome.IssueSeverity.Warning);
        big.SelfLink!.ToString().ShouldContain("_count=500");
        var nurseHttp = await app.ClientForAsync("nurse.north");
        foreach (var path in new[] { "/fhir/Patient?identifier=12345678901&_count=1000", "/fhir/Questionnaire?_count=5", $"/fhir/DetectedIssue?patient={patient}&_count=1000&_offset=0",
                     $"/fhir/Communication?patient={patient}&_count=1", $"/fhir/QuestionnaireResponse?patient={patient}&_count=1000" })
            (await nurseHttp.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK, path);
        (await nurseHttp.GetAsync($"/fhir/Observation?patient={patient}&_count=many")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var from = Now.AddDays(-3).AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
        var range = await nurse.SearchAsync<Observation>([$"subject=Patient/{patient}", "code=2708-6", $"date=ge{from}", "_sort=date"]);
        range!.Total.ShouldBe(3);
        var fromNorwegian = Varde.Domain.Services.NorwegianTime.ToLocal(Now.AddDays(-3).AddHours(-1)).ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        (await nurse.SearchAsync<Observation>([$"subject=Patient/{patient}", "code=2708-6", $"date=ge{fromNorwegian}"]))!.Total
            .ShouldBe(3, "a date-time without a zone is Norwegian time");
        var weights = await nurse.SearchAsync<Observation>([$"patient={patient}", $"code={ObservationCodes.Loinc}|29463-7"]);
        weights!.Total.ShouldBe(1);
        var updated = await nurse.SearchAsync<Observation>([$"patient={patient}", $"_lastUpdated=lt{Now.AddDays(-1):yyyy-MM-dd}"]);
        updated!.Total.ShouldBe(0);

        var south = await FhirAsync("nurse.south");
        var hidden = await south.SearchAsync<Observation>([$"patient=Patient/{patient}"]);
        hidden!.Total.ShouldBe(0);
        hidden.Entry.ShouldBeEmpty();
        var http = await app.ClientForAsync("nurse.north");
        (await http.GetAsync($"/fhir/Observation?patient={patient}&colour=red")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.GetAsync($"/fhir/Observation?patient={patient}&date=ne2026-01-01")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ShouldRoundTrip(page);
    }

    [Fact]
    public async Task Patient_ReadAndSearchByIdentifier_OnlyForThoseWhoMaySee()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var nurse = await FhirAsync("nurse.north");

        var read = await nurse.ReadAsync<Patient>($"Patient/{patient}");
        var fnr = read!.Identifier.Single();
        var found = await nurse.SearchAsync<Patient>([$"identifier={fnr.System}|{fnr.Value}"]);
        found!.Total.ShouldBe(1);
        ShouldRoundTrip(read);

        var south = await FhirAsync("nurse.south");
        (await south.SearchAsync<Patient>([$"identifier={fnr.System}|{fnr.Value}"]))!.Total.ShouldBe(0);
        (await Should.ThrowAsync<FhirOperationException>(() => south.ReadAsync<Patient>($"Patient/{patient}"))).Status.ShouldBe(HttpStatusCode.NotFound);

        var byNumber = Spo2(patient, 96m, Now);
        byNumber.Subject = new ResourceReference { Identifier = new Identifier(fnr.System, fnr.Value) };
        var created = await (await FhirAsync()).CreateAsync(byNumber);
        created!.Subject!.Reference.ShouldBe($"Patient/{patient}");
    }

    private static Bundle ReadingsBundle(Bundle.BundleType type, Guid patient, params Observation[] readings)
    {
        var bundle = new Bundle { Type = type };
        foreach (var o in readings)
        {
            var identifier = o.Identifier[0];
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = "urn:uuid:" + Guid.NewGuid(),
                Resource = o,
                Request = new Bundle.RequestComponent
                {
                    Method = Bundle.HTTPVerb.POST, Url = "Observation", IfNoneExist = $"identifier={identifier.System}|{identifier.Value}",
                },
            });
        }

        return bundle;
    }

    [Fact]
    public async Task Transaction_StoresAllOrNothing_AndAResentTransactionCreatesNothing()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var gateway = await FhirAsync();
        var nurse = await FhirAsync("nurse.north");
        var readings = Enumerable.Range(1, 3).Select(i => Spo2(patient, 94m + i, Now.AddHours(-i))).ToArray();

        var result = await gateway.TransactionAsync(ReadingsBundle(Bundle.BundleType.Transaction, patient, readings));

        result!.Type.ShouldBe(Bundle.BundleType.TransactionResponse);
        result.Entry.Select(e => e.Response!.Status).ShouldAllBe(s => s!.StartsWith("201"));
        result.Entry.Select(e => e.FullUrl!).ShouldAllBe(u => u.StartsWith("urn:uuid:"));
        (await nurse.SearchAsync<Observation>([$"patient={patient}"]))!.Total.ShouldBe(3);
        ShouldRoundTrip(result);

        // Each entry's location is a version that can be read (vread); it is the only version, and a client holding it gets 304.
        var nurseHttp = await app.ClientForAsync("nurse.north");
        var location = result.Entry[0].Response!.Location!;
        location.ShouldEndWith("/_history/1");
        var vread = await nurseHttp.GetAsync("/fhir/" + location);
        vread.StatusCode.ShouldBe(HttpStatusCode.OK, location);
        JsonSerializer.Deserialize<Resource>(await vread.Content.ReadAsStringAsync(), FhirJson.Strict)!.Id.ShouldBe(result.Entry[0].Resource!.Id);
        (await nurseHttp.GetAsync("/fhir/" + location[..^1] + "2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using (var conditional = new HttpRequestMessage(HttpMethod.Get, "/fhir/" + location))
        {
            conditional.Headers.TryAddWithoutValidation("If-None-Match", "W/\"1\"");
            (await nurseHttp.SendAsync(conditional)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        }

        // The instance history is that one version; after it (_since), nothing; another service's nurse does not learn it exists.
        var id = result.Entry[0].Resource!.Id;
        var history = (Bundle)JsonSerializer.Deserialize<Resource>(await nurseHttp.GetStringAsync($"/fhir/Observation/{id}/_history"), FhirJson.Strict)!;
        history.Type.ShouldBe(Bundle.BundleType.History);
        history.Entry.Select(e => e.Response!.Location).ShouldBe([location]);
        history.Entry[0].Request!.Method.ShouldBe(Bundle.HTTPVerb.POST);
        var since = Uri.EscapeDataString(Now.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture));
        var later = (Bundle)JsonSerializer.Deserialize<Resource>(await nurseHttp.GetStringAsync($"/fhir/Observation/{id}/_history?_since={since}"), FhirJson.Strict)!;
        later.Entry.ShouldBeEmpty();
        (await nurseHttp.GetAsync($"/fhir/Observation/{id}/_history?_since=2026-11-24")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var southHttp = await app.ClientForAsync("nurse.south");
        (await southHttp.GetAsync($"/fhir/Observation/{id}/_history")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // FHIR JSON only: a client that accepts nothing else is told so (406) before anything is done.
        using (var xml = new HttpRequestMessage(HttpMethod.Get, "/fhir/" + location))
        {
            xml.Headers.TryAddWithoutValidation("Accept", "application/fhir+xml");
            (await nurseHttp.SendAsync(xml)).StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
        }

        (await nurseHttp.GetAsync($"/fhir/Observation?patient={patient}&_format=xml")).StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
        (await nurseHttp.GetAsync($"/fhir/Observation?patient={patient}&_format=json")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await gateway.TransactionAsync(ReadingsBundle(Bundle.BundleType.Transaction, patient, readings));
        again!.Entry.Select(e => e.Response!.Status).ShouldAllBe(s => s!.StartsWith("200"));
        again.Entry.Select(e => e.Resource!.Id).ShouldBe(result.Entry.Select(e => e.Resource!.Id));
        (await nurse.SearchAsync<Observation>([$"patient={patient}"]))!.Total.ShouldBe(3);

        var broken = Spo2(patient, 93m, Now.AddMinutes(-5));
        broken.Code = new CodeableConcept(ObservationCodes.Loinc, "0000-0");
        var failing = ReadingsBundle(Bundle.BundleType.Transaction, patient, Spo2(patient, 92m, Now.AddMinutes(-7)), broken);
        var error = await Should.ThrowAsync<FhirOperationException>(() => gateway.TransactionAsync(failing));
        error.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        error.Outcome!.Issue[0].Diagnostics.ShouldStartWith("Entry 1 (urn:uuid:");
        (await nurse.SearchAsync<Observation>([$"patient={patient}"]))!.Total.ShouldBe(3);
    }

    [Fact]
    public async Task Batch_AnswersEachEntryOnItsOwn()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var broken = Spo2(patient, 93m, Now.AddMinutes(-5));
        broken.Code = new CodeableConcept(ObservationCodes.Loinc, "0000-0");

        var result = await (await FhirAsync()).TransactionAsync(ReadingsBundle(Bundle.BundleType.Batch, patient, Spo2(patient, 96m, Now.AddMinutes(-9)), broken));

        result!.Type.ShouldBe(Bundle.BundleType.BatchResponse);
        result.Entry[0].Response!.Status.ShouldStartWith("201");
        result.Entry[1].Response!.Status.ShouldStartWith("422");
        result.Entry[1].Response!.Outcome.ShouldBeOfType<OperationOutcome>().Issue.ShouldNotBeEmpty();
        (await (await FhirAsync("nurse.north")).SearchAsync<Observation>([$"patient={patient}"]))!.Total.ShouldBe(1);
    }

    private static QuestionnaireResponse DailyAnswers(Guid patient, DateTimeOffset at, string breathless = "yes")
    {
        var system = "https://varde.no/fhir/Questionnaire/daily-symptoms/answers";
        QuestionnaireResponse.ItemComponent Item(string linkId, params DataType[] values)
        {
            var item = new QuestionnaireResponse.ItemComponent { LinkId = linkId };
            item.Answer.AddRange(values.Select(v => new QuestionnaireResponse.AnswerComponent { Value = v }));
            return item;
        }

        var response = new QuestionnaireResponse
        {
            Questionnaire = "https://varde.no/fhir/Questionnaire/daily-symptoms|2",
            Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"Patient/{patient}"),
            AuthoredElement = new FhirDateTime(at),
            Identifier = new Identifier("urn:oid:2.16.578.1.99.1", "answers-" + Guid.NewGuid()),
            Item =
            [
                Item("more-breathless", new Coding(system, breathless)), Item("swelling", new Coding(system, "no")), Item("chest-pain", new Coding(system, "no")),
                Item("wellbeing", new Integer(6)), Item("message", new FhirString("Sov dårlig.")),
            ],
        };
        if (breathless == "yes")
            response.Item.Insert(1, Item("breathless-when", new Coding(system, "rest"), new Coding(system, "night")));
        return response;
    }

    [Fact]
    public async Task QuestionnaireResponse_CreateConditionalReadAndSearch()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var gateway = await FhirAsync();
        var answers = DailyAnswers(patient, Now.AddMinutes(-4));
        var criterion = SearchParams.FromUriParamList(UriParamList.FromQueryString($"identifier={answers.Identifier!.System}|{answers.Identifier.Value}"));

        var created = await gateway.ConditionalCreateAsync(answers, criterion);
        gateway.LastResult!.Status.ShouldStartWith("201");
        var again = await gateway.ConditionalCreateAsync(answers, criterion);
        gateway.LastResult!.Status.ShouldStartWith("200");
        again!.Id.ShouldBe(created!.Id);
        created.Item.Single(i => i.LinkId == "breathless-when").Answer.Count.ShouldBe(2);
        created.GetExtension(Varde.Server.Features.Fhir.QuestionnaireResponseMapping.TriageExtension).ShouldNotBeNull();
        ShouldRoundTrip(created);

        var nurse = await FhirAsync("nurse.north");
        (await nurse.ReadAsync<QuestionnaireResponse>($"QuestionnaireResponse/{created.Id}"))!.Item.Count.ShouldBe(6);
        var found = await nurse.SearchAsync<QuestionnaireResponse>([$"patient=Patient/{patient}", "questionnaire=https://varde.no/fhir/Questionnaire/daily-symptoms"]);
        found!.Total.ShouldBe(1);
        (await nurse.SearchAsync<QuestionnaireResponse>([$"patient=Patient/{patient}", "questionnaire=https://varde.no/fhir/Questionnaire/cat"]))!.Total.ShouldBe(0);
        (await (await FhirAsync("nurse.south")).SearchAsync<QuestionnaireResponse>([$"patient=Patient/{patient}"]))!.Total.ShouldBe(0);

        var notAsked = DailyAnswers(patient, Now.AddMinutes(-3), breathless: "no");
        notAsked.Item.Add(new QuestionnaireResponse.ItemComponent { LinkId = "oxygen-litres", Answer = [new() { Value = new FhirDecimal(2) }] });
        var rejected = await Should.ThrowAsync<FhirOperationException>(() => gateway.CreateAsync(notAsked));
        rejected.Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var unknown = DailyAnswers(patient, Now.AddMinutes(-2));
        unknown.Questionnaire = "https://example.org/Questionnaire/other";
        (await Should.ThrowAsync<FhirOperationException>(() => gateway.CreateAsync(unknown))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await nurse.SearchAsync<QuestionnaireResponse>([$"patient=Patient/{patient}"]))!.Total.ShouldBe(1);
    }

    [Fact]
    public async Task Alerts_AreDetectedIssuesWithVkpCodes()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var red = await (await FhirAsync()).CreateAsync(Spo2(patient, 86m, Now.AddMinutes(-3)));
        var nurse = await FhirAsync("nurse.north");

        var open = await nurse.SearchAsync<DetectedIssue>([$"patient=Patient/{patient}", "status=preliminary"]);

        var issue = open!.Entry.Single().Resource.ShouldBeOfType<DetectedIssue>();
        issue.Code!.Coding[0].Code.ShouldBe("5.2.1");
        issue.Severity.ShouldBe(DetectedIssue.DetectedIssueSeverity.High);
        issue.GetExtensionValue<Coding>(DetectedIssueResources.TriageExtension).Code.ShouldBe("R");
        issue.Implicated.Single().Reference.ShouldBe($"Observation/{red!.Id}");
        (await nurse.ReadAsync<DetectedIssue>($"DetectedIssue/{issue.Id}"))!.Detail!.ShouldContain("SpO2 86 %");
        (await nurse.SearchAsync<DetectedIssue>([$"patient=Patient/{patient}", "status=final"]))!.Total.ShouldBe(0);
        (await (await FhirAsync("nurse.south")).SearchAsync<DetectedIssue>([$"patient=Patient/{patient}"]))!.Total.ShouldBe(0);
        var http = await app.ClientForAsync("nurse.north");
        (await http.GetAsync($"/fhir/DetectedIssue?patient={patient}&status=open")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        ShouldRoundTrip(issue);
    }

    [Fact]
    public async Task Search_SummaryCountElementsIdIdentifierAndCategory_AsClientsSendThem()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var gateway = await FhirAsync();
        var first = (await gateway.CreateAsync(Spo2(patient, 97m, Now.AddMinutes(-30), "reading-1")))!;
        await gateway.CreateAsync(Spo2(patient, 96m, Now.AddMinutes(-20), "reading-2"));
        var http = await app.ClientForAsync("nurse.north");
        async Task<Bundle> SearchAsync(string query)
        {
            var response = await http.GetAsync($"/fhir/Observation?patient={patient}&{query}");
            var body = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, body);
            return JsonSerializer.Deserialize<Resource>(body, FhirJson.Strict).ShouldBeOfType<Bundle>();
        }

        var counted = await SearchAsync("_summary=count&_total=accurate");
        (counted.Total, counted.Entry.Count, counted.NextLink).ShouldBe((2, 0, null));
        var byId = await SearchAsync($"_id={first.Id}");
        byId.Entry.Single().Resource!.Id.ShouldBe(first.Id);
        var byIdentifier = await SearchAsync("identifier=urn:oid:2.16.578.1.99.1|reading-2");
        ((Quantity)((Observation)byIdentifier.Entry.Single().Resource!).Value!).Value.ShouldBe(96m);
        (await SearchAsync("category=http://terminology.hl7.org/CodeSystem/observation-category|vital-signs")).Total.ShouldBe(2);
        (await SearchAsync("category=laboratory")).Total.ShouldBe(0);

        var subset = await SearchAsync("_elements=code,value&_count=1");
        var o = subset.Entry.Single().Resource.ShouldBeOfType<Observation>();
        o.Value.ShouldNotBeNull();
        o.Code.ShouldNotBeNull();
        (o.Subject, o.Effective, o.Interpretation.Count).ShouldBe((null, null, 0));
        o.Meta!.Tag.ShouldContain(t => t.Code == "SUBSETTED");
        Uri.UnescapeDataString(subset.NextLink!.Query).ShouldContain("_elements=code,value", Case.Sensitive, "the next page keeps the subset");

        (await http.GetAsync($"/fhir/Observation?patient={patient}&_summary=text")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.GetAsync($"/fhir/Observation?patient={patient}&_include=Observation:performer")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.GetAsync($"/fhir/Observation?patient={patient}&identifier=reading-1")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.GetAsync($"/fhir/DetectedIssue?patient={patient}&_summary=count")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // An EHR knows the patient by her fødselsnummer: the chained patient.identifier finds the same as the reference.
        await gateway.CreateAsync(Spo2(TestWorld.PatientA, 97m, Now.AddMinutes(-10)));
        var byReference = await http.GetAsync($"/fhir/Observation?patient={TestWorld.PatientA}&_summary=count");
        var byNumber = await http.GetAsync($"/fhir/Observation?patient.identifier={FhirSubjects.FnrSystem}|13097248022&_summary=count");
        var counted2 = JsonSerializer.Deserialize<Resource>(await byNumber.Content.ReadAsStringAsync(), FhirJson.Strict).ShouldBeOfType<Bundle>().Total;
        counted2.ShouldBe(JsonSerializer.Deserialize<Resource>(await byReference.Content.ReadAsStringAsync(), FhirJson.Strict).ShouldBeOfType<Bundle>().Total);
        counted2.ShouldNotBe(0);
        var plans = await (await FhirAsync("nurse.north")).SearchAsync<CarePlan>([$"patient.identifier={FhirSubjects.FnrSystem}|13097248022"]);
        plans!.Total.ShouldBe(1);
        (await (await FhirAsync("nurse.south")).SearchAsync<CarePlan>([$"patient.identifier={FhirSubjects.FnrSystem}|13097248022"]))!.Total.ShouldBe(0);
    }

    [Fact]
    public async Task WalkingThePages_WhileReadingsArrive_GivesEachReadingOnce()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var gateway = await FhirAsync();
        for (var i = 0; i < 4; i++)
            await gateway.CreateAsync(Spo2(patient, 95m + i % 3, Now.AddMinutes(-40 + i)));
        var nurse = await FhirAsync("nurse.north");

        var page = (await nurse.SearchAsync<Observation>([$"patient={patient}", "_count=2"]))!;
        var seen = new List<string>();
        while (true)
        {
            seen.AddRange(page.Entry.Select(e => e.Resource!.Id!));
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            await gateway.CreateAsync(Spo2(patient, 96m, Now.AddSeconds(-1))); // a newer reading arrives during the walk
            if (page.NextLink is null)
                break;
            page = (await nurse.ContinueAsync(page))!;
        }

        seen.Count.ShouldBe(4, "the walk sees what was stored when it began");
        seen.ShouldBeUnique();
        (await nurse.SearchAsync<Observation>([$"patient={patient}", "_summary=count"]))!.Total.ShouldBe(4 + 2, "a new search sees the new readings");
    }

    [Fact]
    public async Task Includes_BringThePatientAndTheAlerts_AndAnAlertBringsItsReadings()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var red = (await (await FhirAsync()).CreateAsync(Spo2(patient, 85m, Now.AddMinutes(-5))))!;
        var nurse = await FhirAsync("nurse.north");

        var readings = (await nurse.SearchAsync<Observation>([$"patient={patient}", "_include=Observation:patient", "_revinclude=DetectedIssue:implicated"]))!;
        var included = readings.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => e.Resource!).ToList();
        included.OfType<Patient>().Single().Id.ShouldBe(patient.ToString());
        var alert = included.OfType<DetectedIssue>().Single();
        alert.Implicated.Single().Reference.ShouldBe($"Observation/{red.Id}");
        readings.Total.ShouldBe(1, "the total counts matches only");

        var alerts = (await nurse.SearchAsync<DetectedIssue>([$"patient={patient}", "_include=DetectedIssue:implicated", "_include=DetectedIssue:patient"]))!;
        alerts.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => e.Resource!.TypeName).ShouldBe(["Patient", "Observation"], ignoreOrder: true);
        var stranger = await FhirAsync("nurse.south");
        (await stranger.SearchAsync<Observation>([$"patient={patient}", "_include=Observation:patient"]))!.Entry.ShouldBeEmpty("nothing is included for a patient one may not see");
    }

    [Fact]
    public async Task ThePlan_IsACarePlanWithGoals_ThePatientsGpReadsEveryVersion_AndNobodyElse()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10), TestWorld.Gp);
        var nurse = await app.ClientForAsync("nurse.north");
        (await nurse.PostAsJsonAsync($"/api/patients/{patient}/plan/versions", new
        {
            thresholds = new[] { new { quantity = "oxygen-saturation", redLow = 85m, yellowLow = 88m } },
            changeNote = "Lavere grenser",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var gp = await FhirAsync("gp");

        var found = (await gp.SearchAsync<CarePlan>([$"patient=Patient/{patient}", "_include=CarePlan:goal"]))!;

        var plans = found.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Select(e => e.Resource).Cast<CarePlan>().ToList();
        plans.Select(p => p.Status).ShouldBe([RequestStatus.Draft, RequestStatus.Active]);
        var (draft, first) = (plans[0], plans[1]);
        draft.Replaces.Single().Reference.ShouldBe($"CarePlan/{first.Id}");
        draft.Author.ShouldBeNull("a draft has no approving GP yet");
        draft.Description.ShouldBe("Lavere grenser");
        first.Category.Single().Coding.Single().Code.ShouldBe("2");
        first.Author!.Display.ShouldBe("Gunnar Lege");
        first.Author.Identifier!.Value.ShouldBe("1234567");
        first.Contributor.Single().Display.ShouldBe("Nora Nord");
        first.Period!.End.ShouldBeNull();
        var weighing = first.Activity.Single().Detail!;
        weighing.Code!.Coding[0].Code.ShouldBe("29463-7");
        weighing.Status.ShouldBe(CarePlan.CarePlanActivityStatus.Scheduled);
        weighing.Scheduled.ShouldBeOfType<Timing>().Repeat!.TimeOfDay.ShouldBe(["09:00:00"]);
        weighing.Goal.Single().Reference.ShouldBe($"Goal/{first.Id}-body-weight");
        first.Note.Single(n => n.GetExtensionValue<Code>(CarePlanMapping.NoteKindExtension).Value == "zone-red").Text.ShouldBe("Ring legevakt 116 117 nå.");
        first.Note.Count(n => n.GetExtensionValue<Code>(CarePlanMapping.NoteKindExtension).Value == "rule").ShouldBe(2, "the weight trend and the run of yellows");
        first.Text!.Div!.ShouldContain("SpO2: rød under 88 %");

        var goals = found.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => e.Resource).Cast<Goal>().ToList();
        goals.Select(g => g.Id).ShouldBe([$"{draft.Id}-oxygen-saturation", $"{first.Id}-oxygen-saturation", $"{first.Id}-body-weight"], ignoreOrder: true);
        var spo2 = goals.Single(g => g.Id == $"{first.Id}-oxygen-saturation");
        spo2.LifecycleStatus.ShouldBe(Goal.GoalLifecycleStatus.Active);
        var green = spo2.Target.Single().Detail!.ShouldBeOfType<Hl7.Fhir.Model.Range>();
        (green.Low!.Value, green.High).ShouldBe((92m, null));
        spo2.Target.Single().GetExtension(CarePlanMapping.ThresholdExtension).GetExtensionValue<Quantity>("redLow").Value.ShouldBe(88m);
        goals.Single(g => g.Id == $"{draft.Id}-oxygen-saturation").LifecycleStatus.ShouldBe(Goal.GoalLifecycleStatus.Proposed);

        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var approvedAt = Now;
        (await (await app.ClientForAsync("gp")).PostAsync($"/api/patients/{patient}/plan/versions/2/approval", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var inForce = (await gp.SearchAsync<CarePlan>([$"patient={patient}", "status=active"]))!.Entry.Single().Resource.ShouldBeOfType<CarePlan>();
        inForce.Id.ShouldBe(draft.Id);
        inForce.Meta!.VersionId.ShouldBe("2");
        var replaced = (await gp.ReadAsync<CarePlan>($"CarePlan/{first.Id}"))!;
        replaced.Status.ShouldBe(RequestStatus.Revoked);
        replaced.Period!.EndElement!.ToDateTimeOffset(TimeSpan.Zero).ShouldBe(approvedAt);
        replaced.Meta!.VersionId.ShouldBe("3");
        (await gp.ReadAsync<CarePlan>($"CarePlan/{first.Id}/_history/3"))!.Status.ShouldBe(RequestStatus.Revoked);
        await Should.ThrowAsync<FhirOperationException>(() => gp.ReadAsync<CarePlan>($"CarePlan/{first.Id}/_history/2"));
        var active = (await gp.SearchAsync<Goal>([$"patient={patient}", "lifecycle-status=active"]))!;
        active.Entry.Select(e => e.Resource!.Id).ShouldBe([$"{draft.Id}-oxygen-saturation"]);
        (await gp.ReadAsync<Goal>($"Goal/{first.Id}-body-weight"))!.LifecycleStatus.ShouldBe(Goal.GoalLifecycleStatus.Cancelled);
        ShouldRoundTrip(replaced);

        foreach (var stranger in new[] { "specialist", "nurse.south" })
        {
            var other = await FhirAsync(stranger);
            (await other.SearchAsync<CarePlan>([$"patient={patient}"]))!.Total.ShouldBe(0, stranger);
            await Should.ThrowAsync<FhirOperationException>(() => other.ReadAsync<CarePlan>($"CarePlan/{first.Id}"));
            await Should.ThrowAsync<FhirOperationException>(() => other.ReadAsync<Goal>($"Goal/{first.Id}-body-weight"));
        }

        var http = await app.ClientForAsync("gp");
        (await http.GetAsync($"/fhir/CarePlan?patient={patient}&status=completed")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.GetAsync($"/fhir/CarePlan?patient={patient}&_include=CarePlan:subject")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await http.GetAsync($"/fhir/Goal/{first.Id}-blood-sugar")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Should.ThrowAsync<FhirOperationException>(() => FhirAsync().ContinueWith(t => t.Result.SearchAsync<CarePlan>([$"patient={patient}"])).Unwrap()))
            .Status.ShouldBe(HttpStatusCode.Forbidden, "a gateway has no scope on plans");
    }

    [Fact]
    public async Task Devices_AreRegisteredOnce_AndATransactionCanReferToOneByUrnUuid()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10), gp: TestWorld.Gp);
        var gateway = await FhirAsync();
        var oximeter = new Device { Manufacturer = "Nonin", SerialNumber = "SN-" + Guid.NewGuid().ToString("N")[..8] };
        oximeter.DeviceName.Add(new Device.DeviceNameComponent { Name = "3230", Type = DeviceNameType.ModelName });

        var registered = await gateway.CreateAsync(oximeter);
        gateway.LastResult!.Status.ShouldStartWith("201");
        (await gateway.CreateAsync(oximeter))!.Id.ShouldBe(registered!.Id);
        gateway.LastResult!.Status.ShouldStartWith("200");
        (await gateway.ReadAsync<Device>($"Device/{registered.Id}"))!.SerialNumber.ShouldBe(oximeter.SerialNumber);
        (await Should.ThrowAsync<FhirOperationException>(() => FhirAsync("nurse.south").Result.ReadAsync<Device>($"Device/{registered.Id}")))
            .Status.ShouldBe(HttpStatusCode.NotFound);
        ShouldRoundTrip(registered);

        var scale = new Device { Manufacturer = "A&D", SerialNumber = "W-" + Guid.NewGuid().ToString("N")[..8] };
        var first = Spo2(patient, 95m, Now.AddMinutes(-20));
        var second = Spo2(patient, 96m, Now.AddMinutes(-10));
        var bundle = ReadingsBundle(Bundle.BundleType.Transaction, patient, first, second);
        var scaleUrl = "urn:uuid:" + Guid.NewGuid();
        first.Device = new ResourceReference(scaleUrl);
        second.Device = new ResourceReference(scaleUrl);
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = scaleUrl, Resource = scale, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Device" } });

        var result = await gateway.TransactionAsync(bundle);

        var deviceId = result!.Entry[2].Response!.Location!.Split('/')[1];
        result.Entry.Take(2).Select(e => e.Resource.ShouldBeOfType<Observation>().Device!.Reference).ShouldAllBe(r => r == $"Device/{deviceId}");
        var nurse = await FhirAsync("nurse.north");
        var withDevices = (await nurse.SearchAsync<Observation>([$"patient={patient}", "_include=Observation:device"]))!;
        withDevices.Entry.Where(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Select(e => e.Resource.ShouldBeOfType<Device>().Id)
            .ShouldBe([deviceId], "the device of both readings, once");
        var gp = await FhirAsync("gp");
        (await gp.SearchAsync<Observation>([$"patient={patient}", "_include=Observation:device"]))!.Entry
            .ShouldNotContain(e => e.Resource is Device, "a device is read only by the organisation that registered it");
        var stranger = Spo2(patient, 95m, Now.AddMinutes(-5));
        stranger.Device = new ResourceReference($"Device/{Guid.NewGuid()}");
        (await Should.ThrowAsync<FhirOperationException>(() => gateway.CreateAsync(stranger))).Status.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task SmartScopes_AreEnforced()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var devicesOnly = await app.GatewayClientAsync("system/Device.c");
        var readings = await app.GatewayClientAsync("system/Observation.c system/Patient.rs");

        var refused = await PostAsync(devicesOnly, Spo2(patient, 95m, Now.AddMinutes(-1)));
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ReadOutcomeAsync(refused)).Issue[0].Diagnostics!.ShouldContain("Observation");
        (await PostAsync(readings, Spo2(patient, 95m, Now.AddMinutes(-1)))).StatusCode.ShouldBe(HttpStatusCode.Created);
        // A gateway may not read patients, so that part of the request was not granted.
        (await readings.GetAsync($"/fhir/Patient/{patient}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var bundle = ReadingsBundle(Bundle.BundleType.Transaction, patient, Spo2(patient, 95m, Now.AddMinutes(-2)));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir")
        {
            Content = new StringContent(JsonSerializer.Serialize(bundle, FhirJson.Output), Encoding.UTF8, "application/fhir+json"),
        };
        (await devicesOnly.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await FhirAsync("nurse.north")).SearchAsync<Observation>([$"patient={patient}"]))!.Total.ShouldBe(1);
    }

    private async Task<HttpResponseMessage> TabletTokenAsync(string credential, string pin)
    {
        using var anonymous = app.CreateClient();
        return await anonymous.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = Varde.Server.Auth.TokenEndpoint.TabletGrantType, ["device_credential"] = credential, ["pin"] = pin,
        }));
    }

    [Fact]
    public async Task PatientToken_FromAnEnrolledTablet_SeesOnlyItsOwnCompartment()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var other = await PatientAsync(app, Now.AddDays(-10));
        var othersReading = await (await FhirAsync()).CreateAsync(Spo2(other, 95m, Now.AddMinutes(-3)));
        var (tablet, code) = Varde.Domain.Patients.PatientDevice.Issue(Guid.NewGuid(), patient, "Nettbrett", "test", Now).Value;
        var secret = tablet.Enrol(code, "4711", Now).Value;
        await using (var db = app.Database.NewContext())
        {
            db.PatientDevices.Add(tablet);
            await db.SaveChangesAsync();
        }

        (await TabletTokenAsync($"{tablet.Id:N}.{secret}", "0000")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var issued = await TabletTokenAsync($"{tablet.Id:N}.{secret}", "4711");
        issued.StatusCode.ShouldBe(HttpStatusCode.OK);
        var token = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();
        var http = app.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var own = new FhirClient(new Uri(http.BaseAddress!, "/fhir"), http, new FhirClientSettings { PreferredFormat = ResourceFormat.Json, VerifyFhirVersion = false });

        var mine = await own.CreateAsync(Spo2(patient, 96m, Now.AddMinutes(-1)));
        (await own.ReadAsync<Observation>($"Observation/{mine!.Id}"))!.Id.ShouldBe(mine.Id);
        (await own.ReadAsync<Patient>($"Patient/{patient}"))!.Id.ShouldBe(patient.ToString());
        (await own.SearchAsync<Observation>([$"patient={patient}"]))!.Total.ShouldBe(1);

        (await Should.ThrowAsync<FhirOperationException>(() => own.ReadAsync<Observation>($"Observation/{othersReading!.Id}"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Should.ThrowAsync<FhirOperationException>(() => own.ReadAsync<Patient>($"Patient/{other}"))).Status.ShouldBe(HttpStatusCode.NotFound);
        var leak = await own.SearchAsync<Observation>([$"patient={other}"]);
        leak!.Total.ShouldBe(0);
        leak.Entry.ShouldBeEmpty();
        (await Should.ThrowAsync<FhirOperationException>(() => own.CreateAsync(Spo2(other, 95m, Now)))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Should.ThrowAsync<FhirOperationException>(() => own.CreateAsync(new Device { SerialNumber = "X" }))).Status.ShouldBe(HttpStatusCode.Forbidden);

        // Blocking the tablet ends the token at once, for reading and for writing, long before its 30 minutes are up.
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var db = app.Database.NewContext())
        {
            var stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.PatientDevices, d => d.Id == tablet.Id);
            stored.Revoke("test", app.Clock.GetUtcNow()).ShouldBeTrue();
            await db.SaveChangesAsync();
        }

        (await http.GetAsync($"/fhir/Observation?patient={patient}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.PostAsJsonAsync("/pasient/api/measurements", new { clientId = "after-block", type = "pulse", value = 70m, unit = "/min",
            effectiveAt = app.Clock.GetUtcNow() })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await http.GetAsync($"/api/patients/{patient}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Questionnaires_AreServedAsFhir()
    {
        var client = await FhirAsync();

        var daily = await client.ReadAsync<Questionnaire>("Questionnaire/daily-symptoms");
        var byUrl = await client.SearchAsync<Questionnaire>(["url=https://varde.no/fhir/Questionnaire/cat"]);

        daily!.Item.Single(i => i.LinkId == "breathless-when").EnableWhen.ShouldHaveSingleItem().Question.ShouldBe("more-breathless");
        byUrl!.Entry.Select(e => e.Resource!.Id).ShouldBe(["cat"]);
        ShouldRoundTrip(daily);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, Observation o, params (string Name, string Value)[] headers) =>
        PostRawAsync(http, JsonSerializer.Serialize(o, FhirJson.Output), "application/fhir+json", headers);

    private static async Task<HttpResponseMessage> PostRawAsync(HttpClient http, string body, string contentType, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir/Observation") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await http.SendAsync(request);
    }

    private static async Task<OperationOutcome> ReadOutcomeAsync(HttpResponseMessage response) =>
        (OperationOutcome)JsonSerializer.Deserialize<Resource>(await response.Content.ReadAsStringAsync(), FhirJson.Strict)!;
}

public sealed class FhirObservationOnSqliteTests(KestrelSqliteApp app) : FhirObservationTests(app), IClassFixture<KestrelSqliteApp>;

public sealed class FhirObservationOnPostgresTests(KestrelPostgresApp app) : FhirObservationTests(app), IClassFixture<KestrelPostgresApp>;
