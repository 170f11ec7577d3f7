using System.Globalization;
using Hl7.Fhir.Model;
using Varde.Domain;
using Varde.Domain.Subscriptions;
using Varde.Domain.Triage;
using FhirStatus = Hl7.Fhir.Model.Subscription.SubscriptionStatus;

namespace Varde.Server.Features.Fhir;

/// <summary>
/// FHIR Subscriptions in R4 as the Subscriptions R5 Backport IG (1.1.0) writes them: the topic's canonical in
/// <c>criteria</c>, filters in the <c>backport-filter-criteria</c> extension (<c>DetectedIssue?patient=…&amp;severity=high</c>),
/// heartbeat, timeout and payload content as channel extensions; notifications are <c>history</c> Bundles whose first
/// entry is the <c>backport-subscription-status-r4</c> Parameters.
/// </summary>
public static class SubscriptionMapping
{
    public const string Backport = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
    public const string SubscriptionProfile = Backport + "backport-subscription";
    public const string StatusProfile = Backport + "backport-subscription-status-r4";
    public const string FilterCriteria = Backport + "backport-filter-criteria";
    public const string HeartbeatPeriod = Backport + "backport-heartbeat-period";
    public const string Timeout = Backport + "backport-timeout";
    public const string PayloadContent = Backport + "backport-payload-content";
    public const string TopicCanonical = Backport + "capabilitystatement-subscriptiontopic-canonical";

    /// <summary>The topics Varde offers, by canonical URL.</summary>
    public static readonly IReadOnlyDictionary<string, SubscriptionTopic> Topics = new Dictionary<string, SubscriptionTopic>(StringComparer.Ordinal)
    {
        ["https://varde.no/fhir/SubscriptionTopic/detected-issue"] = SubscriptionTopic.DetectedIssue,
        ["https://varde.no/fhir/SubscriptionTopic/observation"] = SubscriptionTopic.Observation,
    };

    public static string Canonical(SubscriptionTopic topic) => Topics.Single(t => t.Value == topic).Key;

    public static string ResourceType(SubscriptionTopic topic) => topic.ToString();

    /// <summary>A Subscription resource as asked for, or what is wrong with it (field and message).</summary>
    public static Validated<SubscriptionRequest> Read(Subscription resource, string serverBase, bool allowHttp)
    {
        var errors = new List<ValidationError>();
        if (resource.Status is not (null or FhirStatus.Requested or FhirStatus.Active))
            errors.Add(new("status", "A new subscription's status is 'requested'."));
        if (resource.Criteria is not { } criteria || !Topics.TryGetValue(criteria, out var topic))
        {
            errors.Add(new("criteria", $"criteria names a topic Varde offers: {string.Join(", ", Topics.Keys)}."));
            return Validated<SubscriptionRequest>.Fail(errors);
        }

        var channel = resource.Channel;
        if (channel?.Type != Subscription.SubscriptionChannelType.RestHook)
            errors.Add(new("channel.type", "Only the rest-hook channel is offered."));
        if (channel?.Payload is not ("application/fhir+json" or "application/json"))
            errors.Add(new("channel.payload", "The payload is application/fhir+json."));
        var asked = channel?.PayloadElement?.GetExtensionValue<Code>(PayloadContent)?.Value;
        var content = ContentOf(asked ?? "id-only")
            ?? Unknown(errors, "channel.payload", $"payload content '{asked}' is not one of empty, id-only, full-resource.");
        if (channel is not null && channel.Header.Count() > 1)
            errors.Add(new("channel.header", "At most one header is sent with the notifications."));
        if (channel?.Extension.FirstOrDefault(e => e.Url is not (HeartbeatPeriod or Timeout or Backport + "backport-max-count")) is { } unknownExtension)
            errors.Add(new("channel.extension", $"The channel extension '{unknownExtension.Url}' is not understood."));

        var filter = resource.CriteriaElement?.Extension.Where(e => e.Url == FilterCriteria).Select(e => (e.Value as FhirString)?.Value).ToList() ?? [];
        Guid? patient = null;
        TriageOutcome? zone = null;
        string? code = null;
        foreach (var text in filter)
        {
            var type = ResourceType(topic);
            if (text is null || !text.StartsWith(type + "?", StringComparison.Ordinal))
            {
                errors.Add(new("criteria", $"A filter on this topic reads '{type}?name=value&…'."));
                continue;
            }

            foreach (var (name, value) in Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(text[(type.Length + 1)..]).SelectMany(q => q.Value.Select(v => (q.Key, v ?? ""))))
            {
                switch (name)
                {
                    case "patient" when Guid.TryParse(value.StartsWith("Patient/", StringComparison.Ordinal) ? value[8..] : value, out var id):
                        patient = id;
                        break;
                    case "severity" when topic == SubscriptionTopic.DetectedIssue && value is "high" or "moderate":
                        zone = value == "high" ? TriageOutcome.Red : TriageOutcome.Yellow;
                        break;
                    case "code" when topic == SubscriptionTopic.Observation && value.Length is > 0 and <= 60
                        && ObservationCodes.TypesFor(ObservationCodes.Loinc, LoincCode(value)).Count > 0:
                        code = LoincCode(value);
                        break;
                    default:
                        errors.Add(new("criteria", topic == SubscriptionTopic.DetectedIssue
                            ? $"'{name}={value}' is not a filter of alerts; filter by patient=Patient/{{id}} and severity=high|moderate."
                            : $"'{name}={value}' is not a filter of observations; filter by patient=Patient/{{id}} and code={ObservationCodes.Loinc}|{{code}}."));
                        break;
                }
            }
        }

        int? Seconds(string url)
        {
            var value = channel?.GetExtensionValue<UnsignedInt>(url)?.Value;
            return value;
        }

        var end = resource.End;

        if (errors.Count > 0)
            return Validated<SubscriptionRequest>.Fail(errors);
        return Validated<SubscriptionRequest>.Ok(new SubscriptionRequest(topic, channel!.Endpoint ?? "", serverBase, content, patient, zone, code,
            channel.Header.FirstOrDefault(), Seconds(HeartbeatPeriod), Seconds(Timeout), end, resource.Reason, allowHttp));
    }

    private static string LoincCode(string value) =>
        value.StartsWith(ObservationCodes.Loinc + "|", StringComparison.Ordinal) ? value[(ObservationCodes.Loinc.Length + 1)..] : value;

    private static SubscriptionContent Unknown(List<ValidationError> errors, string field, string message)
    {
        errors.Add(new(field, message));
        return SubscriptionContent.IdOnly;
    }

    /// <summary>The subscription as FHIR: its header is never shown back (it is the subscriber's secret).</summary>
    public static Subscription ToFhir(FhirSubscription s)
    {
        var filters = new List<string>();
        if (s.PatientFilter is { } patient)
            filters.Add($"patient=Patient/{patient}");
        if (s.ZoneFilter is { } zone)
            filters.Add($"severity={(zone == TriageOutcome.Red ? "high" : "moderate")}");
        if (s.CodeFilter is { } code)
            filters.Add($"code={ObservationCodes.Loinc}|{code}");
        var criteria = new FhirString(Canonical(s.Topic));
        if (filters.Count > 0)
            criteria.AddExtension(FilterCriteria, new FhirString($"{ResourceType(s.Topic)}?{string.Join('&', filters)}"));
        var payload = new Code("application/fhir+json");
        payload.AddExtension(PayloadContent, new Code(s.Content switch
        {
            SubscriptionContent.Empty => "empty",
            SubscriptionContent.FullResource => "full-resource",
            _ => "id-only",
        }));
        var channel = new Subscription.ChannelComponent
        {
            Type = Subscription.SubscriptionChannelType.RestHook,
            Endpoint = s.Endpoint,
            PayloadElement = payload,
        };
        if (s.HeartbeatSeconds is { } beat)
            channel.AddExtension(HeartbeatPeriod, new UnsignedInt(beat));
        channel.AddExtension(Timeout, new UnsignedInt(s.TimeoutSeconds));
        if (s.Header is { } header)
            channel.Header = [header[..(header.IndexOf(':', StringComparison.Ordinal) + 1)] + " (hidden)"];
        return new Subscription
        {
            Id = s.Id.ToString(),
            Meta = new Meta { Profile = [SubscriptionProfile], VersionId = s.Version.ToString(CultureInfo.InvariantCulture) },
            Status = Status(s.Status),
            End = s.EndsAt,
            Reason = s.Reason.Length > 0 ? s.Reason : $"Varde: {s.Topic}",
            Error = s.LastError,
            CriteriaElement = criteria,
            Channel = channel,
        };
    }

    /// <summary>The backport's payload content code; null for anything else.</summary>
    public static SubscriptionContent? ContentOf(string code) => code switch
    {
        "id-only" => SubscriptionContent.IdOnly,
        "full-resource" => SubscriptionContent.FullResource,
        "empty" => SubscriptionContent.Empty,
        _ => null,
    };

    public static FhirStatus Status(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Requested => FhirStatus.Requested,
        SubscriptionStatus.Active => FhirStatus.Active,
        SubscriptionStatus.Error => FhirStatus.Error,
        _ => FhirStatus.Off,
    };

    /// <summary>The backport's SubscriptionStatus as R4 Parameters: the subscription, topic, status, type, count, and the events told.</summary>
    public static Parameters StatusOf(FhirSubscription s, string type, long eventsSoFar, IEnumerable<(SubscriptionNotification Notification, bool WithFocus)> events)
    {
        var status = new Parameters
        {
            Id = Guid.NewGuid().ToString(),
            Meta = new Meta { Profile = [StatusProfile] },
        };
        status.Add("subscription", new ResourceReference($"{s.ServerBase}/Subscription/{s.Id}"));
        status.Add("topic", new Canonical(Canonical(s.Topic)));
        status.Add("status", new Code(Status(s.Status).ToString().ToLowerInvariant()));
        status.Add("type", new Code(type));
        status.Add("events-since-subscription-start", new FhirString(eventsSoFar.ToString(CultureInfo.InvariantCulture)));
        foreach (var (n, withFocus) in events)
        {
            var parts = new List<Tuple<string, Base>>
            {
                Tuple.Create<string, Base>("event-number", new FhirString(n.EventNumber!.Value.ToString(CultureInfo.InvariantCulture))),
                Tuple.Create<string, Base>("timestamp", new Instant(n.OccurredAt)),
            };
            if (withFocus)
                parts.Add(Tuple.Create<string, Base>("focus", new ResourceReference(FocusUrl(s, n))));
            status.Add("notification-event", parts);
        }

        return status;
    }

    public static string FocusUrl(FhirSubscription s, SubscriptionNotification n) => $"{s.ServerBase}/{n.FocusType}/{n.FocusId}";

    /// <summary>
    /// The notification bundle POSTed to the endpoint: a <c>history</c> Bundle, the status first (as an answer to
    /// <c>$status</c>), then per event its focus — only the URL for id-only, the resource for full-resource.
    /// </summary>
    public static Bundle Notification(FhirSubscription s, SubscriptionNotification n, Resource? focus, DateTimeOffset now)
    {
        var type = n.Kind switch
        {
            NotificationKind.Handshake => "handshake",
            NotificationKind.Heartbeat => "heartbeat",
            _ => "event-notification",
        };
        var isEvent = n.Kind == NotificationKind.EventNotification;
        var status = StatusOf(s, type, isEvent ? n.EventNumber!.Value : n.EventsSoFar,
            isEvent ? [(n, s.Content != SubscriptionContent.Empty)] : []);
        var bundle = new Bundle
        {
            Id = n.Id.ToString(),
            Type = Bundle.BundleType.History,
            Timestamp = now,
            Entry =
            [
                new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{status.Id}",
                    Resource = status,
                    Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = $"{s.ServerBase}/Subscription/{s.Id}/$status" },
                    Response = new Bundle.ResponseComponent { Status = "200" },
                },
            ],
        };
        if (isEvent && s.Content != SubscriptionContent.Empty)
            bundle.Entry.Add(FocusEntry(s, n, s.Content == SubscriptionContent.FullResource ? focus : null));
        return bundle;
    }

    /// <summary>
    /// The backport's <c>$events</c> answer: a <c>history</c> Bundle with the status (type <c>query-event</c>) telling
    /// the events asked for, then each event's focus as <paramref name="content"/> asks (a focus of null: its URL only).
    /// </summary>
    public static Bundle Events(FhirSubscription s, SubscriptionContent content, IReadOnlyList<(SubscriptionNotification Notification, Resource? Focus)> events,
        string requestUrl, DateTimeOffset now)
    {
        var status = StatusOf(s, "query-event", s.EventsSinceStart, events.Select(e => (e.Notification, content != SubscriptionContent.Empty)));
        var bundle = new Bundle
        {
            Type = Bundle.BundleType.History,
            Timestamp = now,
            Entry =
            [
                new Bundle.EntryComponent
                {
                    FullUrl = $"urn:uuid:{status.Id}",
                    Resource = status,
                    Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.GET, Url = requestUrl },
                    Response = new Bundle.ResponseComponent { Status = "200" },
                },
            ],
        };
        if (content != SubscriptionContent.Empty)
        {
            foreach (var (n, focus) in events)
                bundle.Entry.Add(FocusEntry(s, n, content == SubscriptionContent.FullResource ? focus : null));
        }

        return bundle;
    }

    /// <summary>An event's focus entry: the resource (full-resource) or its URL alone, with the interaction that made the event.</summary>
    private static Bundle.EntryComponent FocusEntry(FhirSubscription s, SubscriptionNotification n, Resource? focus)
    {
        var created = n.FocusType == "Observation" || n.Cause.StartsWith("alert.opened", StringComparison.Ordinal);
        return new Bundle.EntryComponent
        {
            FullUrl = FocusUrl(s, n),
            Resource = focus,
            Request = new Bundle.RequestComponent { Method = created ? Bundle.HTTPVerb.POST : Bundle.HTTPVerb.PUT,
                Url = n.FocusType == "Observation" ? "Observation" : $"{n.FocusType}/{n.FocusId}" },
            Response = new Bundle.ResponseComponent { Status = created ? "201" : "200" },
        };
    }
}
