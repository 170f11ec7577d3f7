using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Messages;
using Varde.Server.Auth;
using Varde.Server.Features.Messages;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// Messages between patients and their follow-up service as FHIR Communication, for the record: <c>completed</c>,
/// about and to or from the patient (<c>subject</c>, <c>sender</c>/<c>recipient</c>: the Patient or the service's
/// Organization), <c>sent</c>, <c>received</c> when the other side read it, the text as <c>payload</c>, and a relative
/// who wrote for the patient named in <c>note</c>. Read, and search by patient. Who may see them is
/// <see cref="MessageDoor"/>'s rule: the patient (or a relative with consent), the service, the GP and a department the
/// patient is shared with.
/// </summary>
public sealed class CommunicationResources(VardeDbContext db, MessageDoor door, TimeProvider clock)
{
    private static readonly string[] Known = [.. FhirSubjects.SearchParameters, .. FhirPage.Parameters];

    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapGet("/Communication/{id}", (string id, HttpRequest request, ClaimsPrincipal user, CommunicationResources slice, CancellationToken ct) =>
                slice.ReadAsync(id, request, user, ct))
            .WithName("ReadFhirCommunication")
            .RequireScope("Communication", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Communication", (HttpRequest request, ClaimsPrincipal user, CommunicationResources slice, CancellationToken ct) =>
                slice.SearchAsync(request, user, ct))
            .WithName("SearchFhirCommunications")
            .RequireScope("Communication", 's')
            .RequireAuthorization(Policies.FhirRead);
    }

    public async Task<FhirResult> ReadAsync(string id, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var messageId))
            return FhirOutcome.NotFound($"Communication/{id}");
        var message = await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId, ct);
        if (message is null || await door.OpenAsync(Callers.From(user), message.PatientId, "fhir.communication.read", ct) is null)
            return FhirOutcome.NotFound($"Communication/{id}");
        var readAt = await db.MessageReceipts.AsNoTracking().Where(r => r.MessageId == messageId).Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefaultAsync(ct);
        return new FhirResult(ToFhir(message, readAt, PhotoBase(request)));
    }

    public async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => !Known.Contains(k)) is { } unknown)
            return FhirOutcome.Invalid($"Search parameter '{unknown}' is not supported on Communication; supported: {string.Join(", ", Known)}.");
        if (!FhirSubjects.NamesPatient(query))
            return FhirOutcome.Invalid("Communication search needs patient.");
        var (paging, problem) = FhirPage.Read(query, 100);
        if (paging is null)
            return problem!;

        var patientId = await FhirSubjects.SearchedPatientAsync(db, query, ct);
        var allowed = patientId is { } id && await door.OpenAsync(Callers.From(user), id, "fhir.communication.search", ct) is not null;
        paging = paging.Fixed(clock.GetUtcNow());
        var asOf = paging.AsOf!.Value;
        var messages = db.Messages.AsNoTracking().Where(m => allowed && m.PatientId == patientId && m.SentAt <= asOf);
        var total = await messages.CountAsync(ct);
        var page = await messages.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Skip(paging.Offset).Take(paging.Count)
            .Select(m => new { Message = m, ReadAt = db.MessageReceipts.Where(r => r.MessageId == m.Id).Select(r => (DateTimeOffset?)r.ReadAt).FirstOrDefault() })
            .ToListAsync(ct);
        var bundle = paging.NewBundle(request, "Communication", total, clock.GetUtcNow());
        foreach (var row in page)
            FhirPage.Add(bundle, FhirPaths.Resource(request, "Communication", row.Message.Id), ToFhir(row.Message, row.ReadAt, PhotoBase(request)));
        return new FhirResult(bundle);
    }

    // Where a message's photo is fetched (the staff API, with the same access rule as the thread).
    private static Uri PhotoBase(HttpRequest request) => new(FhirPaths.Base(request).TrimEnd('/') + "/");

    /// <summary>The message as a Communication: its text, and its photo as an attachment whose URL is Varde's staff API for it.</summary>
    public static Communication ToFhir(PatientMessage m, DateTimeOffset? readAt, Uri fhirBase)
    {
        var patient = new ResourceReference($"Patient/{m.PatientId}");
        var service = new ResourceReference($"Organization/{m.ServiceId}");
        var fromPatient = m.Direction == MessageDirection.FromPatient;
        var communication = new Communication
        {
            Id = m.Id.ToString(),
            Meta = new Meta { LastUpdated = readAt ?? m.SentAt },
            Status = EventStatus.Completed,
            Subject = patient,
            Sender = fromPatient ? patient : service,
            Recipient = [fromPatient ? service : patient],
            SentElement = new FhirDateTime(m.SentAt),
            ReceivedElement = readAt is { } read ? new FhirDateTime(read) : null,
        };
        if (m.Text.Length > 0)
            communication.Payload.Add(new Communication.PayloadComponent { Content = new FhirString(m.Text) });
        if (m.PhotoId is { } photoId)
            communication.Payload.Add(new Communication.PayloadComponent
            {
                Content = new Attachment
                {
                    ContentType = "image/jpeg", Title = "Bilde fra meldingen",
                    Url = new Uri(fhirBase, $"../api/patients/{m.PatientId}/message-photos/{photoId}").ToString(),
                },
            });
        communication.Identifier.Add(new Identifier("https://varde.no/fhir/message-client-id", m.ClientId));
        if (m.OnBehalfLabel is { } label)
            communication.Note.Add(new Annotation { Text = $"Sendt av {label} på vegne av pasienten." });
        return communication;
    }
}
