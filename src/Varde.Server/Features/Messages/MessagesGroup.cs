using System.Security.Claims;
using Varde.Domain;
using Varde.Domain.Messages;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Messages;

/// <summary>
/// Messages between patients and their follow-up service: /api/patients/{id}/messages for staff and
/// /pasient/api/messages for the patient app. The slices return outcomes; the HTTP answers are made here only.
/// </summary>
public static class MessagesGroup
{
    public static IHostApplicationBuilder AddMessages(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<MessageDoor>();
        builder.Services.AddScoped<SendMessage>();
        builder.Services.AddScoped<GetMessages>();
        builder.Services.AddScoped<MarkMessagesRead>();
        builder.Services.AddScoped<HandleMessages>();
        builder.Services.AddScoped<StoreMessagePhoto>();
        return builder;
    }

    public static void MapMessages(this WebApplication app)
    {
        var staff = app.MapGroup("/api/patients/{patientId:guid}/messages").WithTags("Messages").RequireAuthorization(Policies.ReadPatientData);
        staff.MapGet("/", async (Guid patientId, ClaimsPrincipal user, GetMessages slice, CancellationToken ct) =>
            ToResult(await slice.HandleAsync(patientId, Callers.From(user), ct), patientId)).WithName("GetMessages");
        staff.MapPost("/", async (Guid patientId, SendMessage.Request request, ClaimsPrincipal user, SendMessage slice, CancellationToken ct) =>
            ToResult(await slice.HandleAsync(patientId, request, Callers.From(user), ct), patientId, "/api/patients")).WithName("SendMessage");
        staff.MapPost("/read", async (Guid patientId, ClaimsPrincipal user, MarkMessagesRead slice, CancellationToken ct) =>
            await slice.HandleAsync(patientId, Callers.From(user), ct) is { } count
                ? (IResult)TypedResults.Ok(new { marked = count }) : PatientProblems.NotFound(patientId)).WithName("MarkMessagesRead");
        staff.MapPost("/handled", async (Guid patientId, HandleMessages.Request request, ClaimsPrincipal user, HandleMessages slice, CancellationToken ct) =>
            (await slice.HandleAsync(patientId, request, Callers.From(user), ct)) switch
            {
                HandleMessages.Outcome.Handled h => (IResult)TypedResults.Ok(new { handled = h.Count }),
                HandleMessages.Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
                _ => PatientProblems.NotFound(patientId),
            }).WithName("HandleMessages");

        var photos = app.MapGroup("/api/patients/{patientId:guid}/message-photos").WithTags("Messages").RequireAuthorization(Policies.ReadPatientData);
        photos.MapPost("/", async (Guid patientId, HttpRequest request, ClaimsPrincipal user, StoreMessagePhoto slice, CancellationToken ct) =>
            await StorePhotoAsync(request, patientId, user, slice, ct)).WithName("StoreMessagePhoto");
        photos.MapGet("/{photoId:guid}", async (Guid patientId, Guid photoId, ClaimsPrincipal user, StoreMessagePhoto slice, HttpResponse response,
            CancellationToken ct) => await ReadPhotoAsync(patientId, photoId, user, slice, response, ct)).WithName("ReadMessagePhoto");

        var own = app.MapGroup(PatientAuth.BasePath + "/api/messages").WithTags("Patient app").RequireAuthorization(Policies.MessagesInPatientApp);
        own.MapGet("/", async (ClaimsPrincipal user, GetMessages slice, CancellationToken ct) =>
            ToResult(await slice.HandleAsync(PatientAuth.PatientId(user), Callers.From(user), ct), PatientAuth.PatientId(user))).WithName("GetOwnMessages");
        own.MapPost("/", async (SendMessage.Request request, ClaimsPrincipal user, SendMessage slice, CancellationToken ct) =>
            ToResult(await slice.HandleAsync(PatientAuth.PatientId(user), request, Callers.From(user), ct), PatientAuth.PatientId(user),
                PatientAuth.BasePath + "/api")).WithName("SendOwnMessage");
        own.MapPost("/read", async (ClaimsPrincipal user, MarkMessagesRead slice, CancellationToken ct) =>
            await slice.HandleAsync(PatientAuth.PatientId(user), Callers.From(user), ct) is { } count
                ? (IResult)TypedResults.Ok(new { marked = count }) : PatientProblems.NotFound(PatientAuth.PatientId(user))).WithName("MarkOwnMessagesRead");
        var ownPhotos = app.MapGroup(PatientAuth.BasePath + "/api/message-photos").WithTags("Patient app").RequireAuthorization(Policies.MessagesInPatientApp);
        ownPhotos.MapPost("/", async (HttpRequest request, ClaimsPrincipal user, StoreMessagePhoto slice, CancellationToken ct) =>
            await StorePhotoAsync(request, PatientAuth.PatientId(user), user, slice, ct)).WithName("StoreOwnMessagePhoto");
        ownPhotos.MapGet("/{photoId:guid}", async (Guid photoId, ClaimsPrincipal user, StoreMessagePhoto slice, HttpResponse response, CancellationToken ct) =>
            await ReadPhotoAsync(PatientAuth.PatientId(user), photoId, user, slice, response, ct)).WithName("ReadOwnMessagePhoto");
    }

    /// <summary>The request body is the photo (any declared type: the bytes decide); larger than the limit is 413 before anything is read further.</summary>
    private static async Task<IResult> StorePhotoAsync(HttpRequest request, Guid patientId, ClaimsPrincipal user, StoreMessagePhoto slice, CancellationToken ct)
    {
        if (request.ContentLength > MessagePhoto.MaxUploadBytes)
            return TooLarge();
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > MessagePhoto.MaxUploadBytes)
                return TooLarge();
            body.Write(buffer, 0, read);
        }

        return (await slice.HandleAsync(patientId, body.ToArray(), Callers.From(user), ct)) switch
        {
            StoreMessagePhoto.Outcome.Stored s => TypedResults.Ok(new { photoId = s.PhotoId, width = s.Width, height = s.Height }),
            StoreMessagePhoto.Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
            _ => PatientProblems.NotFound(patientId),
        };
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Photo too large",
        detail: $"A photo can be at most {MessagePhoto.MaxUploadBytes / (1024 * 1024)} MB.");

    private static async Task<IResult> ReadPhotoAsync(Guid patientId, Guid photoId, ClaimsPrincipal user, StoreMessagePhoto slice, HttpResponse response,
        CancellationToken ct)
    {
        if (await slice.ReadAsync(patientId, photoId, Callers.From(user), ct) is not { } photo)
            return PatientProblems.NotFound(patientId);
        response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(photo.Bytes, photo.ContentType);
    }

    private static IResult ToResult(GetMessages.Outcome outcome, Guid patientId) => outcome switch
    {
        GetMessages.Outcome.Thread t => TypedResults.Ok(t.Response),
        _ => PatientProblems.NotFound(patientId),
    };

    private static IResult ToResult(SendMessage.Outcome outcome, Guid patientId, string basePath) => outcome switch
    {
        SendMessage.Outcome.Stored s => TypedResults.Created($"{basePath}/messages/{s.Message.Id}", Sent(s.Message)),
        SendMessage.Outcome.Resent r => TypedResults.Ok(Sent(r.Message)),
        SendMessage.Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
        SendMessage.Outcome.ClientIdReused => PatientProblems.Conflict("client-id-reused", "Client id reused",
            "This client id was used for another message. Give each message its own client id."),
        SendMessage.Outcome.ReadOnly => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Read only",
            detail: "The messages are between the patient and the follow-up service; you can read them, not write in them."),
        _ => PatientProblems.NotFound(patientId),
    };

    private static MessageResponse Sent(PatientMessage m) =>
        new(m.Id, m.Direction, m.Text, null, m.OnBehalfLabel, m.SentAt, null, null, null, m.PhotoId);
}
