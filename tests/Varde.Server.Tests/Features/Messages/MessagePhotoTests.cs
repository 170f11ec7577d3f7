using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SkiaSharp;
using Varde.Domain.Messages;
using Varde.Server.Features.Messages;
using Varde.Server.Tests.Infrastructure;
using static Varde.Server.Tests.Features.Alerts.AlertWorld;

namespace Varde.Server.Tests.Features.Messages;

/// <summary>
/// Issue 19 item 1, photos, over HTTP on both databases: the type is read from the bytes, the photo is re-encoded
/// upright and without EXIF (no location), scaled down, stored once however often it is sent, and shown only to those
/// who may read the thread.
/// </summary>
public abstract class MessagePhotoTests(VardeApp app)
{
    private const string Location = "GPS 59.9139N 10.7522E";

    private DateTimeOffset Now => app.Clock.GetUtcNow();

    /// <summary>A 64×48 JPEG whose EXIF says "turn 90° clockwise to view" (orientation 6) and carries a location string.</summary>
    private static byte[] JpegWithExif()
    {
        var plain = Encode(64, 48, SKEncodedImageFormat.Jpeg);
        using var exif = new MemoryStream();
        exif.Write("Exif\0\0"u8);
        // TIFF, big-endian: header, one IFD entry (0x0112 orientation, SHORT, 1, value 6), no next IFD; then the location.
        exif.Write([0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00]);
        exif.Write(Encoding.ASCII.GetBytes(Location));
        var segment = exif.ToArray();
        var length = segment.Length + 2;
        return [0xFF, 0xD8, 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. segment, .. plain.AsSpan(2)];
    }

    private static byte[] Encode(int width, int height, SKEncodedImageFormat format)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.SteelBlue);
            canvas.DrawRect(0, 0, width / 4f, height / 4f, new SKPaint { Color = SKColors.Orange });
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, byte[] bytes, string type = "image/jpeg")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return await client.PostAsync(path, content);
    }

    [Fact]
    public async Task APhotoFromThePatient_IsStoredUprightWithoutExif_AndShownToTheService()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var tablet = await PatientAppClients.PatientOnTabletAsync(app, patient);
        var nurse = await app.ClientForAsync("nurse.north");
        var upload = JpegWithExif();
        Encoding.ASCII.GetString(upload).ShouldContain(Location, customMessage: "the test photo carries a location");

        var stored = await UploadAsync(tablet, "/pasient/api/message-photos", upload);

        stored.StatusCode.ShouldBe(HttpStatusCode.OK, await stored.Content.ReadAsStringAsync());
        var body = await stored.Content.ReadFromJsonAsync<JsonElement>();
        var photoId = body.GetProperty("photoId").GetGuid();
        (body.GetProperty("width").GetInt32(), body.GetProperty("height").GetInt32()).ShouldBe((48, 64), "turned upright as the camera said");
        var again = await (await UploadAsync(tablet, "/pasient/api/message-photos", upload)).Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("photoId").GetGuid().ShouldBe(photoId, "the same photo is stored once");
        var sent = await tablet.PostAsJsonAsync("/pasient/api/messages", new { clientId = "photo-1", text = "", photoId });
        sent.StatusCode.ShouldBe(HttpStatusCode.Created, await sent.Content.ReadAsStringAsync());

        var thread = (await nurse.GetFromJsonAsync<ThreadResponse>($"/api/patients/{patient}/messages", Json.Options))!;
        thread.Messages.Single().PhotoId.ShouldBe(photoId);
        var shown = await nurse.GetAsync($"/api/patients/{patient}/message-photos/{photoId}");
        shown.StatusCode.ShouldBe(HttpStatusCode.OK);
        shown.Content.Headers.ContentType!.MediaType.ShouldBe("image/jpeg");
        var bytes = await shown.Content.ReadAsByteArrayAsync();
        bytes.AsSpan(0, 3).ToArray().ShouldBe(new byte[] { 0xFF, 0xD8, 0xFF });
        var text = Encoding.ASCII.GetString(bytes);
        text.ShouldNotContain("Exif");
        text.ShouldNotContain(Location);
        using var codec = SKCodec.Create(new MemoryStream(bytes));
        (codec.Info.Width, codec.Info.Height, codec.EncodedOrigin).ShouldBe((48, 64, SKEncodedOrigin.TopLeft));
        (await (await app.ClientForAsync("nurse.south")).GetAsync($"/api/patients/{patient}/message-photos/{photoId}")).StatusCode
            .ShouldBe(HttpStatusCode.NotFound);
        (await tablet.GetAsync($"/pasient/api/message-photos/{photoId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await nurse.GetFromJsonAsync<List<Varde.Server.Features.Alerts.GetWorklist.Item>>($"/api/services/{TestWorld.North}/worklist", Json.Options))!
            .Single(i => i.Patient.Id == patient).ReasonNb.ShouldBe("Melding fra pasienten (med bilde)");

        // In FHIR the photo is the message's attachment, fetched from the staff API under the same rule.
        var search = await nurse.GetAsync($"/fhir/Communication?patient={patient}");
        search.StatusCode.ShouldBe(HttpStatusCode.OK, await search.Content.ReadAsStringAsync());
        var bundle = (Hl7.Fhir.Model.Bundle)JsonSerializer.Deserialize<Hl7.Fhir.Model.Resource>(await search.Content.ReadAsStringAsync(),
            Varde.Server.Features.Fhir.FhirJson.Strict)!;
        var attachment = (Hl7.Fhir.Model.Attachment)((Hl7.Fhir.Model.Communication)bundle.Entry.Single().Resource!).Payload.ShouldHaveSingleItem().Content;
        attachment.ContentType.ShouldBe("image/jpeg");
        var url = new Uri(attachment.Url.ShouldNotBeNull());
        url.AbsolutePath.ShouldBe($"/api/patients/{patient}/message-photos/{photoId}");
        (await nurse.GetAsync(url.PathAndQuery)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ALargePhoto_IsScaledToTheLimit()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var nurse = await app.ClientForAsync("nurse.north");

        var stored = await UploadAsync(nurse, $"/api/patients/{patient}/message-photos", Encode(4000, 3000, SKEncodedImageFormat.Png), "image/png");

        var body = await stored.Content.ReadFromJsonAsync<JsonElement>();
        (body.GetProperty("width").GetInt32(), body.GetProperty("height").GetInt32()).ShouldBe((MessagePhoto.MaxEdge, 1200));
    }

    [Fact]
    public async Task NotAPhoto_TooLarge_OrAnotherPatientsPhoto_AreRefused_AndNothingIsStored()
    {
        var patient = await PatientAsync(app, Now.AddDays(-10));
        var other = await PatientAsync(app, Now.AddDays(-10));
        var nurse = await app.ClientForAsync("nurse.north");

        var pdf = await UploadAsync(nurse, $"/api/patients/{patient}/message-photos", "%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"u8.ToArray());
        pdf.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await pdf.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!.Errors.Keys.ShouldBe(["photo"]);
        var broken = await UploadAsync(nurse, $"/api/patients/{patient}/message-photos", [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46]);
        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var huge = await UploadAsync(nurse, $"/api/patients/{patient}/message-photos", new byte[MessagePhoto.MaxUploadBytes + 1]);
        huge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        var othersPhoto = (await (await UploadAsync(nurse, $"/api/patients/{other}/message-photos", Encode(32, 32, SKEncodedImageFormat.Jpeg)))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("photoId").GetGuid();
        var wrong = await nurse.PostAsJsonAsync($"/api/patients/{patient}/messages", new { clientId = "x", text = "Se bildet", photoId = othersPhoto });
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nurse.GetAsync($"/api/patients/{patient}/message-photos/{othersPhoto}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using var db = app.Database.NewContext();
        db.MessagePhotos.Count(p => p.PatientId == patient).ShouldBe(0);
        db.Messages.Count(m => m.PatientId == patient).ShouldBe(0);
    }
}

public sealed class MessagePhotoOnSqliteTests(SqliteApp app) : MessagePhotoTests(app), IClassFixture<SqliteApp>;

public sealed class MessagePhotoOnPostgresTests(PostgresApp app) : MessagePhotoTests(app), IClassFixture<PostgresApp>;
