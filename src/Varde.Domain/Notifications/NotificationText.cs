namespace Varde.Domain.Notifications;

/// <summary>
/// What a notification says: fixed per purpose, with no health data (not what is due, not what was written, not who the
/// patient is), since a lock screen or an SMS is read by whoever holds the phone. The link opens the place in Varde.
/// </summary>
public sealed record NotificationText(string Title, string Body, string Link)
{
    public const string Sender = "Varde";

    public static NotificationText For(NotificationPurpose purpose, bool english = false) => (purpose, english) switch
    {
        (NotificationPurpose.ReportDue, false) => new(Sender, "Det er tid for å måle eller svare i Varde.", "/pasient"),
        (NotificationPurpose.ReportDue, true) => new(Sender, "It is time to measure or answer in Varde.", "/pasient"),
        (NotificationPurpose.NewMessage, false) => new(Sender, "Du har en ny melding fra oppfølgingstjenesten.", "/pasient/meldinger"),
        (NotificationPurpose.NewMessage, true) => new(Sender, "You have a new message from the follow-up service.", "/pasient/meldinger"),
        (NotificationPurpose.RedWaiting, false) => new(Sender, "Et rødt varsel venter på kvittering i Varde.", "/worklist"),
        (NotificationPurpose.RedWaiting, true) => new(Sender, "A red alert is waiting to be acknowledged in Varde.", "/worklist"),
        (NotificationPurpose.PlanAwaitsApproval, false) => new(Sender, "En plan for hjemmeoppfølging venter på din godkjenning i Varde.", "/patients"),
        (NotificationPurpose.PlanAwaitsApproval, true) => new(Sender, "A home follow-up plan is waiting for your approval in Varde.", "/patients"),
        (NotificationPurpose.MessageHandedOn, false) => new(Sender, "Hjemmeoppfølgingen har sendt en henvendelse videre til deg i Varde.", "/patients"),
        (NotificationPurpose.MessageHandedOn, true) => new(Sender, "The home follow-up service has handed a question on to you in Varde.", "/patients"),
        (NotificationPurpose.VideoCallSoon, false) => new(Sender, "Videosamtalen med oppfølgingstjenesten begynner snart. Åpne Varde for å bli med.", "/pasient"),
        (NotificationPurpose.VideoCallSoon, true) => new(Sender, "Your video call with the follow-up service starts soon. Open Varde to join.", "/pasient"),
        (NotificationPurpose.SurveyReminder, false) => new(Sender, "Oppfølgingstjenesten vil gjerne høre hvordan du opplever tjenesten. Åpne Varde for å svare.", "/pasient"),
        (NotificationPurpose.SurveyReminder, true) => new(Sender, "The follow-up service would like to hear how you find the service. Open Varde to answer.", "/pasient"),
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    /// <summary>The SMS: the sentence, then where to open it.</summary>
    public string SmsText(Uri baseAddress) => $"{Body} {new Uri(baseAddress, Link)}";
}
