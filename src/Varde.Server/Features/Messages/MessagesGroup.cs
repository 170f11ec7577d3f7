using System.Security.Claims;
using Varde.Domain;
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

        var own = app.MapGroup(PatientAuth.BasePath + "/api/messages").WithTags("Patient app").RequireAuthorization(Policies.MessagesInPatientApp);
        own.MapGet("/", async (ClaimsPrincipal user, GetMessages slice, CancellationToken ct) =>
            ToResult(await slice.HandleAsync(PatientAuth.PatientId(user), Callers.From(user), ct), PatientAuth.PatientId(user)));
        own.MapPost("/", async (SendMessage.Request request, ClaimsPrincipal user, SendMessage slice, CancellationToken ct) =>
            ToResult(await slice.HandleAsync(PatientAuth.PatientId(user), request, Callers.From(user), ct), PatientAuth.PatientId(user),
                PatientAuth.BasePath + "/api"));
        own.MapPost("/read", async (ClaimsPrincipal user, MarkMessagesRead slice, CancellationToken ct) =>
            await slice.HandleAsync(PatientAuth.PatientId(user), Callers.From(user), ct) is { } count
                ? (IResult)TypedResults.Ok(new { marked = count }) : PatientProblems.NotFound(PatientAuth.PatientId(user)));
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

    private static MessageResponse Sent(Domain.Messages.PatientMessage m) =>
        new(m.Id, m.Direction, m.Text, null, m.OnBehalfLabel, m.SentAt, null, null, null);
}
