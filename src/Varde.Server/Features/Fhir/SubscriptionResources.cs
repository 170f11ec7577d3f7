using System.Net;
using System.Security.Claims;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Varde.Data;
using Varde.Domain.Subscriptions;
using Varde.Server.Auth;
using Varde.Server.Features.Patients;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// FHIR Subscriptions (R4 backport, topic-based, rest-hook; issue 20 item 6): create (<c>POST /fhir/Subscription</c>,
/// answered <c>requested</c> while the handshake goes out), read, search one's own, <c>$status</c>, and delete. A
/// subscriber hears only about patients its owner may see, decided at each event. Endpoints are https; plain http and
/// loopback or private addresses only where <c>Fhir:Subscriptions:AllowLocalEndpoints</c> is set (development, tests).
/// </summary>
public sealed class SubscriptionResources(VardeDbContext db, PatientAccessGate gate, IConfiguration configuration, TimeProvider clock)
{
    public static void Map(RouteGroupBuilder fhir)
    {
        fhir.MapPost("/Subscription", (HttpRequest request, ClaimsPrincipal user, SubscriptionResources slice, CancellationToken ct) => slice.CreateAsync(request, user, ct))
            .WithName("CreateFhirSubscription")
            .RequireScope("Subscription", 'c')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Subscription/{id}", (string id, ClaimsPrincipal user, SubscriptionResources slice, CancellationToken ct) => slice.ReadAsync(id, user, ct))
            .WithName("ReadFhirSubscription")
            .RequireScope("Subscription", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Subscription/{id}/$status", (string id, HttpRequest request, ClaimsPrincipal user, SubscriptionResources slice, CancellationToken ct) =>
                slice.StatusAsync(id, request, user, ct))
            .WithName("FhirSubscriptionStatus")
            .RequireScope("Subscription", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Subscription/{id}/$events", (string id, HttpRequest request, ClaimsPrincipal user, SubscriptionResources slice, CancellationToken ct) =>
                slice.EventsAsync(id, request, user, ct))
            .WithName("FhirSubscriptionEvents")
            .RequireScope("Subscription", 'r')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapGet("/Subscription", (HttpRequest request, ClaimsPrincipal user, SubscriptionResources slice, CancellationToken ct) => slice.SearchAsync(request, user, ct))
            .WithName("SearchFhirSubscriptions")
            .RequireScope("Subscription", 's')
            .RequireAuthorization(Policies.FhirRead);
        fhir.MapDelete("/Subscription/{id}", (string id, ClaimsPrincipal user, SubscriptionResources slice, CancellationToken ct) => slice.DeleteAsync(id, user, ct))
            .WithName("DeleteFhirSubscription")
            .RequireScope("Subscription", 'd')
            .RequireAuthorization(Policies.FhirRead);
    }

    private bool AllowLocal => configuration.GetValue("Fhir:Subscriptions:AllowLocalEndpoints", false);

    public async Task<FhirResult> CreateAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var parsed = await FhirJson.ReadAsync<Subscription>(request, ct);
        if (parsed.Problem is { } problem)
            return problem;
        var asked = SubscriptionMapping.Read(parsed.Resource!, FhirPaths.Base(request), AllowLocal);
        if (!asked.IsValid)
            return FhirOutcome.Unprocessable(asked.Errors);
        if (!AllowLocal && IsLocal(asked.Value.Endpoint))
            return FhirOutcome.Unprocessable([new("channel.endpoint", "The endpoint is a loopback or private address; notifications go to the subscriber's public https endpoint.")]);
        if (asked.Value.PatientFilter is { } patient && await gate.OpenAsync(user, patient, "fhir.subscription.create", ct) is null)
            return FhirOutcome.Unprocessable([new("criteria", $"Patient/{patient} is not found.")]);
        var now = clock.GetUtcNow();
        var made = FhirSubscription.Request(Guid.CreateVersion7(now), Callers.From(user), asked.Value, now);
        if (!made.IsValid)
            return FhirOutcome.Unprocessable(made.Errors);
        db.FhirSubscriptions.Add(made.Value);
        db.SubscriptionNotifications.Add(made.Value.Handshake(Guid.CreateVersion7(now), now));
        await db.SaveChangesAsync(ct);
        return new FhirResult(SubscriptionMapping.ToFhir(made.Value), StatusCodes.Status201Created, FhirPaths.Resource(request, "Subscription", made.Value.Id));
    }

    public async Task<FhirResult> ReadAsync(string id, ClaimsPrincipal user, CancellationToken ct) =>
        await OwnAsync(id, user, ct) is { } subscription ? new FhirResult(SubscriptionMapping.ToFhir(subscription)) : FhirOutcome.NotFound($"Subscription/{id}");

    /// <summary>The backport's <c>$status</c>: a searchset with the subscription's status Parameters (type <c>query-status</c>).</summary>
    public async Task<FhirResult> StatusAsync(string id, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await OwnAsync(id, user, ct) is not { } subscription)
            return FhirOutcome.NotFound($"Subscription/{id}");
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = 1, Meta = new Meta { LastUpdated = clock.GetUtcNow() } };
        var status = SubscriptionMapping.StatusOf(subscription, "query-status", subscription.EventsSinceStart, []);
        FhirPage.Add(bundle, $"urn:uuid:{status.Id}", status);
        return new FhirResult(bundle);
    }

    /// <summary>How many events one <c>$events</c> answer tells at most; ask again from the next event number for more.</summary>
    public const int MostEvents = 100;

    /// <summary>
    /// The backport's <c>$events</c>: the subscription's events from <c>eventsSinceNumber</c> to <c>eventsUntilNumber</c>
    /// (at most <see cref="MostEvents"/>), e.g. to fetch what a subscriber missed. <c>content</c> may ask for less or more
    /// than the subscription's own; a full resource is given only for a patient the owner may still see (access-logged),
    /// else the event's URL alone.
    /// </summary>
    public async Task<FhirResult> EventsAsync(string id, HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var query = request.Query;
        if (query.Keys.FirstOrDefault(k => k is not ("eventsSinceNumber" or "eventsUntilNumber" or "content" or "_format")) is { } unknown)
            return FhirOutcome.Invalid($"'{unknown}' is not a parameter of $events; use eventsSinceNumber, eventsUntilNumber and content.");
        long? Number(string name) => query[name].FirstOrDefault() is { } text
            ? long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : -1
            : null;
        var since = Number("eventsSinceNumber");
        var until = Number("eventsUntilNumber");
        if (since == -1 || until == -1)
            return FhirOutcome.Invalid("eventsSinceNumber and eventsUntilNumber are event numbers: whole numbers from 1.");
        if (await OwnAsync(id, user, ct) is not { } subscription)
            return FhirOutcome.NotFound($"Subscription/{id}");
        var content = subscription.Content;
        if (query["content"].FirstOrDefault() is { } asked)
        {
            if (SubscriptionMapping.ContentOf(asked) is not { } parsed)
                return FhirOutcome.Invalid($"content '{asked}' is not one of empty, id-only, full-resource.");
            content = parsed;
        }

        var from = since ?? 1;
        var to = until ?? long.MaxValue;
        var notifications = await db.SubscriptionNotifications.AsNoTracking()
            .Where(n => n.SubscriptionId == subscription.Id && n.EventNumber != null && n.EventNumber >= from && n.EventNumber <= to)
            .OrderBy(n => n.EventNumber).Take(MostEvents).ToListAsync(ct);
        var events = new List<(SubscriptionNotification, Resource?)>();
        foreach (var n in notifications)
        {
            Resource? focus = null;
            if (content == SubscriptionContent.FullResource && await SubscriptionDelivery.FocusAsync(db, n, ct) is { } resource
                && FhirSubjects.PatientOf(resource) is { } patientId && await gate.OpenAsync(user, patientId, "fhir.subscription.events", ct) is not null)
                focus = resource;
            events.Add((n, focus));
        }

        return new FhirResult(SubscriptionMapping.Events(subscription, content, events, $"{FhirPaths.Base(request)}/Subscription/{subscription.Id}/$events{request.QueryString}",
            clock.GetUtcNow()));
    }

    public async Task<FhirResult> SearchAsync(HttpRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (request.Query.Keys.FirstOrDefault(k => k is not ("status" or "_format")) is { } unknown)
            return FhirOutcome.Invalid($"'{unknown}' is not a search parameter of Subscription; search by status.");
        var actor = Callers.From(user).ActorId;
        var own = await db.FhirSubscriptions.AsNoTracking().Where(s => s.OwnerId == actor).OrderBy(s => s.CreatedAt).ToListAsync(ct);
        var wanted = request.Query["status"].SelectMany(s => s!.Split(',')).ToList();
        var found = own.Where(s => wanted.Count == 0 || wanted.Contains(SubscriptionMapping.Status(s.Status).ToString(), StringComparer.OrdinalIgnoreCase)).ToList();
        var bundle = new FhirPage(0, found.Count, null).NewBundle(request, "Subscription", found.Count, clock.GetUtcNow());
        foreach (var s in found)
            FhirPage.Add(bundle, FhirPaths.Resource(request, "Subscription", s.Id), SubscriptionMapping.ToFhir(s));
        return new FhirResult(bundle);
    }

    /// <summary>Deleted with its notifications: nothing more is sent, and a read answers 404.</summary>
    public async Task<IResult> DeleteAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        if (await OwnAsync(id, user, ct) is not { } subscription)
            return FhirOutcome.NotFound($"Subscription/{id}");
        await db.SubscriptionNotifications.Where(n => n.SubscriptionId == subscription.Id).ExecuteDeleteAsync(ct);
        await db.FhirSubscriptions.Where(s => s.Id == subscription.Id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    private async Task<FhirSubscription?> OwnAsync(string id, ClaimsPrincipal user, CancellationToken ct)
    {
        var actor = Callers.From(user).ActorId;
        return Guid.TryParse(id, out var subscriptionId)
            ? await db.FhirSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subscriptionId && s.OwnerId == actor, ct)
            : null;
    }

    /// <summary>A loopback, link-local or private address written as such (a name is not resolved here; see ADR 0043).</summary>
    public static bool IsLocal(string endpoint)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
            return false;
        if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        if (!IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address))
            return false;
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal)
            return true;
        var b = address.GetAddressBytes();
        return b.Length == 4 && (b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168) || (b[0] == 169 && b[1] == 254) || b[0] == 0);
    }
}
