using Varde.Domain.Access;
using Varde.Domain.Subscriptions;
using Varde.Domain.Triage;

namespace Varde.Domain.Tests.Subscriptions;

/// <summary>Issue 20 item 6: what a subscription must be, how its standing follows its notifications, retries, heartbeats and its end.</summary>
public sealed class FhirSubscriptionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly Caller Gp = new(Guid.NewGuid().ToString(), Role.Gp, Guid.NewGuid());

    private static SubscriptionRequest Asked(string endpoint = "https://epj.example.org/hook", bool allowHttp = false) =>
        new(SubscriptionTopic.DetectedIssue, endpoint, "https://varde.example.org/fhir/", SubscriptionContent.FullResource, ZoneFilter: TriageOutcome.Red,
            AllowHttp: allowHttp);

    private static FhirSubscription Made(SubscriptionRequest? asked = null) => FhirSubscription.Request(Guid.NewGuid(), Gp, asked ?? Asked(), Now).Value;

    [Theory]
    [InlineData("http://epj.example.org/hook", false, "channel.endpoint")]
    [InlineData("ftp://epj.example.org/hook", true, "channel.endpoint")]
    [InlineData("/hook", true, "channel.endpoint")]
    [InlineData("https://epj.example.org/hook", false, null)]
    [InlineData("http://127.0.0.1:5000/hook", true, null)]
    public void TheEndpointIsHttps_UnlessPlainHttpIsAllowed(string endpoint, bool allowHttp, string? field) =>
        FhirSubscription.Request(Guid.NewGuid(), Gp, Asked(endpoint, allowHttp), Now).Errors.Select(e => e.Field).FirstOrDefault().ShouldBe(field);

    [Fact]
    public void HeaderHeartbeatEndAndFiltersAreChecked()
    {
        FhirSubscription.Request(Guid.NewGuid(), Gp, Asked() with { Header = "no colon" }, Now).Errors.Single().Field.ShouldBe("channel.header");
        FhirSubscription.Request(Guid.NewGuid(), Gp, Asked() with { Header = "X-A: 1\r\nX-B: 2" }, Now).Errors.Single().Field.ShouldBe("channel.header");
        FhirSubscription.Request(Guid.NewGuid(), Gp, Asked() with { HeartbeatSeconds = 59 }, Now).Errors.Single().Field.ShouldBe("channel.heartbeatPeriod");
        FhirSubscription.Request(Guid.NewGuid(), Gp, Asked() with { EndsAt = Now }, Now).Errors.Single().Field.ShouldBe("end");
        FhirSubscription.Request(Guid.NewGuid(), Gp, Asked() with { Topic = SubscriptionTopic.Observation }, Now).Errors.Single().Field.ShouldBe("criteria");
        Made(Asked() with { TimeoutSeconds = 60 }).TimeoutSeconds.ShouldBe(10, "a longer timeout is cut to the most");
        Made().ServerBase.ShouldBe("https://varde.example.org/fhir");
    }

    [Fact]
    public void EventsAreNumberedFromOne_AndTheStandingFollowsDelivery()
    {
        var s = Made();
        s.Status.ShouldBe(SubscriptionStatus.Requested);
        var handshake = s.Handshake(Guid.NewGuid(), Now);
        handshake.Tried(delivered: true, "200", Now).ShouldBeFalse();
        s.Delivered(Now);
        s.Status.ShouldBe(SubscriptionStatus.Active);

        var first = s.Event(Guid.NewGuid(), "alert.opened:1", "DetectedIssue", Guid.NewGuid(), Now, Now);
        var second = s.Event(Guid.NewGuid(), "alert.updated:2", "DetectedIssue", Guid.NewGuid(), Now, Now);
        (first.EventNumber, second.EventNumber, s.EventsSinceStart).ShouldBe((1L, 2L, 2L));

        var at = Now;
        for (var i = 0; i < SubscriptionNotification.MaxAttempts - 1; i++)
        {
            first.Tried(delivered: false, "503", at).ShouldBeFalse();
            first.NextTryAt.ShouldBe(at + SubscriptionNotification.RetryDelays[i]);
            at = first.NextTryAt!.Value;
        }

        first.Tried(delivered: false, "503", at).ShouldBeTrue("given up after the last delay");
        first.IsWaiting.ShouldBeFalse();
        s.GaveUp(first.Kind, "503");
        s.Status.ShouldBe(SubscriptionStatus.Error);
        second.Tried(delivered: true, "200", at);
        s.Delivered(at);
        s.Status.ShouldBe(SubscriptionStatus.Active, "the next one that arrives makes it active again");
        Should.Throw<InvalidOperationException>(() => first.Tried(true, "200", at));
    }

    [Fact]
    public void AHandshakeGivenUp_TurnsItOff_AndHeartbeatsComeOnlyWhenActiveAndIdle()
    {
        var s = Made(Asked() with { HeartbeatSeconds = 60, EndsAt = Now.AddHours(1) });
        s.HeartbeatIfDue(Guid.NewGuid(), Now.AddMinutes(5)).ShouldBeNull("not before the handshake has arrived");
        s.Delivered(Now);
        s.HeartbeatIfDue(Guid.NewGuid(), Now.AddSeconds(59)).ShouldBeNull();
        s.HeartbeatIfDue(Guid.NewGuid(), Now.AddSeconds(60)).ShouldNotBeNull().Kind.ShouldBe(NotificationKind.Heartbeat);
        s.IsPastEnd(Now.AddHours(1)).ShouldBeTrue();

        var never = Made();
        never.GaveUp(NotificationKind.Handshake, "unreachable");
        never.Status.ShouldBe(SubscriptionStatus.Off);
        never.LastError.ShouldStartWith("The handshake never reached the endpoint");
        never.Delivered(Now);
        never.Status.ShouldBe(SubscriptionStatus.Off, "off stays off");
    }
}
