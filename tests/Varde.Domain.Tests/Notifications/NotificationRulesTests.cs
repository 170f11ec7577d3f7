using Varde.Domain.Measurements;
using Varde.Domain.Notifications;
using Varde.Domain.Patients;
using Varde.Domain.Plans;
using Varde.Domain.Services;

namespace Varde.Domain.Tests.Notifications;

/// <summary>Issue 19 item 4: when reminders come, quiet hours, retries with backoff, what a push subscription must be, and the text.</summary>
public sealed class NotificationRulesTests
{
    private static readonly DateOnly Day = new(2026, 12, 3);
    private static readonly ScheduleItem Weight = new(MeasurementType.BodyWeight, null, ScheduleItem.EveryDay, new TimeOnly(9, 0), 120);
    private static readonly TimeSpan ServiceGrace = TimeSpan.FromMinutes(120);

    private static DateTimeOffset Oslo(int hour, int minute = 0, int dayOffset = 0) => NorwegianTime.ToInstant(Day.AddDays(dayOffset), new TimeOnly(hour, minute));

    private static List<DueReminder> RemindersAt(DateTimeOffset now, params (string, DateTimeOffset)[] reports) =>
        DueReminders.At([Weight], now, ServiceGrace, reports).ToList();

    [Theory]
    [InlineData(8, 59, null)]
    [InlineData(9, 0, 1)]
    [InlineData(9, 59, 1)]
    [InlineData(10, 0, 2)]
    [InlineData(10, 59, 2)]
    [InlineData(11, 0, null)] // the deadline: the missing report is the service's now
    [InlineData(12, 0, null)]
    public void AReminderRoundComesAtTheDueTimeAndAnHourLater_NeverAtTheDeadline(int hour, int minute, int? round) =>
        RemindersAt(Oslo(hour, minute)).Select(r => (int?)r.Round).SingleOrDefault().ShouldBe(round);

    [Fact]
    public void AReportOfTheKindTodayStopsTheReminders_AYesterdaysOrAnotherKindDoesNot()
    {
        RemindersAt(Oslo(9, 30), (Weight.Key, Oslo(7, 15))).ShouldBeEmpty();
        RemindersAt(Oslo(9, 30), (Weight.Key, Oslo(20, 0, dayOffset: -1))).ShouldHaveSingleItem();
        RemindersAt(Oslo(9, 30), ("measurement:OxygenSaturation", Oslo(9, 10))).ShouldHaveSingleItem();
    }

    [Fact]
    public void EachRoundHasItsOwnKey_SoItIsMadeOnce()
    {
        var patient = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");
        RemindersAt(Oslo(9, 5)).Single().KeyFor(patient).ShouldBe("due:0f8fad5bd9cb469fa16570867728950e:measurement:BodyWeight:2026-12-03:1");
        RemindersAt(Oslo(10, 5)).Single().KeyFor(patient).ShouldEndWith(":2");
    }

    [Theory]
    [InlineData(21, 59, false)]
    [InlineData(22, 0, true)]
    [InlineData(3, 0, true)]
    [InlineData(7, 59, true)]
    [InlineData(8, 0, false)]
    public void QuietHoursAreTenAtNightToEightInTheMorning_NorwegianTime(int hour, int minute, bool quiet)
    {
        var end = QuietHours.EndOf(Oslo(hour, minute));
        (end is not null).ShouldBe(quiet);
        if (end is not null)
            end.ShouldBe(Oslo(8, 0, dayOffset: hour >= 22 ? 1 : 0));
    }

    [Fact]
    public void QuietHoursFollowSummerTime() =>
        QuietHours.EndOf(new DateTimeOffset(2026, 7, 1, 21, 30, 0, TimeSpan.Zero)).ShouldBe(new DateTimeOffset(2026, 7, 2, 6, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AFailedTryIsRetriedAfter1_5_15_60And240Minutes_ThenGivenUp()
    {
        var now = Oslo(12, 0);
        var n = Notification.ToPatient(Guid.NewGuid(), NotificationPurpose.NewMessage, Guid.NewGuid(), "message:1", Guid.NewGuid(), now, now);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < Notification.MaxAttempts; i++)
        {
            var attempt = n.Tried(Guid.NewGuid(), NotificationChannel.WebPush, "push 503", now);
            attempt.Number.ShouldBe(i + 1);
            attempt.Delivered.ShouldBeFalse();
            if (n.IsWaiting)
                waits.Add(n.NextAttemptAt - now);
            now = n.NextAttemptAt;
        }

        waits.Select(w => w.TotalMinutes).ShouldBe([1, 5, 15, 60, 240]);
        n.State.ShouldBe(NotificationState.GaveUp);
        n.LastError.ShouldBe("push 503");
        Should.Throw<InvalidOperationException>(() => n.Tried(Guid.NewGuid(), NotificationChannel.Sms, null, now));
    }

    [Fact]
    public void ADeliveredOrUnneededNotificationIsSettled_AndDeferringDoesNotCountATry()
    {
        var now = Oslo(23, 0);
        var n = Notification.ToPatient(Guid.NewGuid(), NotificationPurpose.NewMessage, Guid.NewGuid(), "message:2", null, now, now);
        n.Defer(Oslo(8, 0, dayOffset: 1));
        (n.Attempts, n.NextAttemptAt).ShouldBe((0, Oslo(8, 0, dayOffset: 1)));
        n.Tried(Guid.NewGuid(), NotificationChannel.Sms, null, Oslo(8, 0, dayOffset: 1));
        (n.State, n.DeliveredBy, n.SettledAt).ShouldBe((NotificationState.Delivered, NotificationChannel.Sms, Oslo(8, 0, dayOffset: 1)));
        n.NotNeeded("message read", Oslo(9, 0, dayOffset: 1));
        n.State.ShouldBe(NotificationState.Delivered, "settled stays settled");
    }

    [Fact]
    public void ABrowserSubscriptionNeedsAnHttpsEndpoint_AP256Key_AndA16ByteSecret()
    {
        var key = Convert.ToBase64String([4, .. new byte[64]]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var auth = Convert.ToBase64String(new byte[16]).TrimEnd('=');
        var now = Oslo(12, 0);
        PushSubscription.Create(Guid.NewGuid(), Guid.NewGuid(), "https://fcm.googleapis.com/fcm/send/abc", key, auth, now).IsValid.ShouldBeTrue();
        PushSubscription.Create(Guid.NewGuid(), Guid.NewGuid(), "http://127.0.0.1:5000/push/1", key, auth, now).IsValid.ShouldBeTrue();
        PushSubscription.Create(Guid.NewGuid(), Guid.NewGuid(), "http://push.example.org/1", "AAAA", "", now).Errors.Select(e => e.Field)
            .ShouldBe(["endpoint", "keys.p256dh", "keys.auth"]);
    }

    [Fact]
    public void TheTextsSayNothingAboutHealth()
    {
        foreach (var purpose in Enum.GetValues<NotificationPurpose>())
        foreach (var english in new[] { false, true })
        {
            var text = NotificationText.For(purpose, english);
            text.Title.ShouldBe("Varde");
            foreach (var word in new[] { "vekt", "weight", "blodtrykk", "pressure", "oksygen", "oxygen", "rødt", "sukker" })
                if (purpose != NotificationPurpose.RedWaiting)
                    text.Body.ShouldNotContain(word, Case.Insensitive);
        }

        NotificationText.For(NotificationPurpose.NewMessage).SmsText(new Uri("https://varde.kommune.no/"))
            .ShouldBe("Du har en ny melding fra oppfølgingstjenesten. https://varde.kommune.no/pasient/meldinger");
    }

    [Theory]
    [InlineData("912 34 567", "+4791234567")]
    [InlineData("+47 912 34 567", "+4791234567")]
    [InlineData("0046 70 123 45 67", "+46701234567")]
    [InlineData("+46-70-123 45 67", "+46701234567")]
    public void AnSmsGoesToTheNumberInE164(string written, string sms) => PhoneNumber.ForSms(written).ShouldBe(sms);
}
