using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Varde.Domain;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Notifications;

/// <summary>
/// Reminders and notifications outside the app: the patient app's Web Push subscription (/pasient/api/push), the
/// care team's log of what was sent (/api/patients/{id}/notifications), and the job that makes and sends them.
/// </summary>
public static class NotificationsGroup
{
    /// <summary>The server's Web Push public key (VAPID), for the browser to subscribe with.</summary>
    public sealed record PushKey(string PublicKey);

    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<WebPushKeysStore>();
        builder.Services.AddHttpClient(WebPushChannel.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20));
        builder.Services.AddScoped<WebPushChannel>();
        if (builder.Configuration["Notifications:Sms:Url"] is { Length: > 0 })
            builder.Services.AddHttpClient<ISmsGateway, HttpSmsGateway>(c => c.Timeout = TimeSpan.FromSeconds(20));
        else
            builder.Services.AddSingleton<ISmsGateway, NoSmsGateway>();
        builder.Services.AddScoped<NotificationSender>();
        builder.Services.AddScoped<ReminderJob>();
        builder.Services.AddScoped<SubscribeToPush>();
        builder.Services.AddScoped<GetNotificationLog>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
            builder.Services.AddHostedService<NotificationJobs>();
        return builder;
    }

    public static void MapNotifications(this WebApplication app)
    {
        app.MapGet("/api/patients/{patientId:guid}/notifications", async Task<Results<Ok<List<GetNotificationLog.Response>>, ProblemHttpResult>> (Guid patientId,
                    ClaimsPrincipal user, GetNotificationLog slice, CancellationToken ct) =>
                await slice.HandleAsync(patientId, user, ct) is { } log ? TypedResults.Ok(log) : PatientProblems.NotFound(patientId))
            .WithTags("Notifications").WithName("GetNotificationLog").RequireAuthorization(Policies.ReadPatientData);

        var push = app.MapGroup(PatientAuth.BasePath + "/api/push").WithTags("Patient app").RequireAuthorization(Policies.SignedInPatient);
        push.MapGet("/key", async (WebPushKeysStore keys, CancellationToken ct) => TypedResults.Ok(new PushKey((await keys.GetAsync(ct)).Public)))
            .WithName("GetPushKey");
        push.MapPost("/subscriptions", async Task<Results<Created<SubscribeToPush.Subscribed>, ValidationProblem>> (SubscribeToPush.Request request,
                ClaimsPrincipal user, SubscribeToPush slice, CancellationToken ct) =>
            (await slice.SubscribeAsync(PatientAuth.PatientId(user), request, ct)) switch
            {
                SubscribeToPush.Outcome.Stored s => TypedResults.Created($"{PatientAuth.BasePath}/api/push/subscriptions/{s.Subscription.Id}",
                    new SubscribeToPush.Subscribed(s.Subscription.Id, s.Subscription.CreatedAt)),
                SubscribeToPush.Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
                _ => throw new InvalidOperationException("Unknown outcome."),
            }).WithName("SubscribeToPush");
        push.MapDelete("/subscriptions", async Task<Results<NoContent, NotFound>> (string? endpoint, ClaimsPrincipal user, SubscribeToPush slice,
                CancellationToken ct) =>
            await slice.UnsubscribeAsync(PatientAuth.PatientId(user), endpoint, ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .WithName("UnsubscribeFromPush");
    }
}
