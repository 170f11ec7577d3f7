using System.Security.Claims;
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
        app.MapGet("/api/patients/{patientId:guid}/notifications", async (Guid patientId, ClaimsPrincipal user, GetNotificationLog slice, CancellationToken ct) =>
                await slice.HandleAsync(patientId, user, ct) is { } log ? (IResult)TypedResults.Ok(log) : PatientProblems.NotFound(patientId))
            .WithTags("Notifications").WithName("GetNotificationLog").RequireAuthorization(Policies.ReadPatientData);

        var push = app.MapGroup(PatientAuth.BasePath + "/api/push").WithTags("Patient app").RequireAuthorization(Policies.SignedInPatient);
        push.MapGet("/key", async (WebPushKeysStore keys, CancellationToken ct) => TypedResults.Ok(new { publicKey = (await keys.GetAsync(ct)).Public }))
            .WithName("GetPushKey");
        push.MapPost("/subscriptions", async (SubscribeToPush.Request request, ClaimsPrincipal user, SubscribeToPush slice, CancellationToken ct) =>
            (await slice.SubscribeAsync(PatientAuth.PatientId(user), request, ct)) switch
            {
                SubscribeToPush.Outcome.Stored s => (IResult)TypedResults.Created($"{PatientAuth.BasePath}/api/push/subscriptions/{s.Subscription.Id}",
                    new { id = s.Subscription.Id, s.Subscription.CreatedAt }),
                SubscribeToPush.Outcome.Refused r => TypedResults.ValidationProblem(ValidationError.ByField(r.Errors)),
                _ => throw new InvalidOperationException("Unknown outcome."),
            }).WithName("SubscribeToPush");
        push.MapDelete("/subscriptions", async (string? endpoint, ClaimsPrincipal user, SubscribeToPush slice, CancellationToken ct) =>
            await slice.UnsubscribeAsync(PatientAuth.PatientId(user), endpoint, ct) ? Results.NoContent() : Results.NotFound())
            .WithName("UnsubscribeFromPush");
    }
}
