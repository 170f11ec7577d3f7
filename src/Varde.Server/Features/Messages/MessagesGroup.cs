using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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
            Marked(await slice.HandleAsync(patientId, Callers.From(user), ct), patientId)).WithName("MarkMessagesRead");
        staff.MapPost("/handled", async Task<Results<Ok<HandleMessages.Answer>, ValidationProblem, ProblemHttpResult>> (Guid patientId,
                HandleMessages.Request request, ClaimsPrincipal user, HandleMessages slice, CancellationToken ct) =>
            (await slice.HandleAsync(patientId, request, Callers.From(user), ct)) switch
            {
                HandleMessages.Outcome.Handled h => TypedResults.Ok(new HandleMessages.Answer(h.Count)),
                HandleMessages.Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
                _ => PatientProblems.NotFound(patientId),
            }).WithName("HandleMessages");

        var photos = app.MapGroup("/api/patients/{patientId:guid}/message-photos").WithTags("Messages").RequireAuthorization(Policies.ReadPatientData);
        photos.MapPost("/", async (Guid patientId, HttpRequest request, ClaimsPrincipal user, StoreMessagePhoto slice, CancellationToken ct) =>
            await StorePhotoAsync(request, patientId, user, slice, ct)).WithName("StoreMessagePhoto")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MessagePhoto.MaxUploadBytes));
        photos.MapGet("/{photoId:guid}", async (Guid patientId, Guid photoId, ClaimsPrincipal user, StoreMessagePhoto slice, HttpResponse response,
            CancellationToken ct) => await ReadPhotoAsync(patientId, photoId, user, slice, response, ct))
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg").WithName("ReadMessagePhoto");

        var own = app.MapGroup(PatientAuth.BasePath + "/api/messages").WithTags("Patient app").RequireAuthorization(Policies.MessagesInPatientApp);
        own.MapGet("/", async (ClaimsPrincipal user, GetMessages slice, CancellationToken ct) =>
            ToResult(await slice.HandleAsync(PatientAuth.PatientId(user), Callers.From(user), ct), PatientAuth.PatientId(user))).WithName("GetOwnMessages");
        own.MapPost("/", async (SendMessage.Request request, ClaimsPrincipal user, SendMessage slice, CancellationToken ct) =>
            ToResult(await slice.HandleAsync(PatientAuth.PatientId(user), request, Callers.From(user), ct), PatientAuth.PatientId(user),
                PatientAuth.BasePath + "/api")).WithName("SendOwnMessage");
        own.MapPost("/read", async (ClaimsPrincipal user, MarkMessagesRead slice, CancellationToken ct) =>
            Marked(await slice.HandleAsync(PatientAuth.PatientId(user), Callers.From(user), ct), PatientAuth.PatientId(user))).WithName("MarkOwnMessagesRead");
        var ownPhotos = app.MapGroup(PatientAuth.BasePath + "/api/message-photos").WithTags("Patient app").RequireAuthorization(Policies.MessagesInPatientApp);
        ownPhotos.MapPost("/", async (HttpRequest request, ClaimsPrincipal user, StoreMessagePhoto slice, CancellationToken ct) =>
            await StorePhotoAsync(request, PatientAuth.PatientId(user), user, slice, ct)).WithName("StoreOwnMessagePhoto")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MessagePhoto.MaxUploadBytes));
        ownPhotos.MapGet("/{photoId:guid}", async (Guid photoId, ClaimsPrincipal user, StoreMessagePhoto slice, HttpResponse response, CancellationToken ct) =>
            await ReadPhotoAsync(PatientAuth.PatientId(user), photoId, user, slice, response, ct))
            .Produces<Stream>(StatusCodes.Status200OK, "image/jpeg").WithName("ReadOwnMessagePhoto");
    }

    /// <summary>The request body is the photo (any declared type: the bytes decide); larger than the limit is 413 before anything is read further.</summary>
    private static async Task<Results<Ok<StoreMessagePhoto.Answer>, ValidationProblem, ProblemHttpResult>> StorePhotoAsync(HttpRequest request, Guid patientId,
        ClaimsPrincipal user, StoreMessagePhoto slice, CancellationToken ct)
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
            StoreMessagePhoto.Outcome.Stored s => TypedResults.Ok(new StoreMessagePhoto.Answer(s.PhotoId, s.Width, s.Height)),
            StoreMessagePhoto.Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
            _ => PatientProblems.NotFound(patientId),
        };
    }

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Photo too large",
        detail: $"A photo can be at most {MessagePhoto.MaxUploadBytes / (1024 * 1024)} MB.");

    /// <summary>The photo's bytes (JPEG after re-encoding), never cached; described with <c>Produces</c>, since a file result declares nothing itself.</summary>
    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ReadPhotoAsync(Guid patientId, Guid photoId, ClaimsPrincipal user,
        StoreMessagePhoto slice, HttpResponse response, CancellationToken ct)
    {
        if (await slice.ReadAsync(patientId, photoId, Callers.From(user), ct) is not { } photo)
            return PatientProblems.NotFound(patientId);
        response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(photo.Bytes, photo.ContentType);
    }

    private static Results<Ok<MarkMessagesRead.Answer>, ProblemHttpResult> Marked(int? count, Guid patientId) =>
        count is { } marked ? TypedResults.Ok(new MarkMessagesRead.Answer(marked)) : PatientProblems.NotFound(patientId);

    private static Results<Ok<ThreadResponse>, ProblemHttpResult> ToResult(GetMessages.Outcome outcome, Guid patientId) => outcome switch
    {
        GetMessages.Outcome.Thread t => TypedResults.Ok(t.Response),
        _ => PatientProblems.NotFound(patientId),
    };

    private static Results<Created<MessageResponse>, Ok<MessageResponse>, ValidationProblem, ProblemHttpResult> ToResult(SendMessage.Outcome outcome,
        Guid patientId, string basePath) => outcome switch
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
