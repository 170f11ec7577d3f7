using Varde.Domain.Plans;

namespace Varde.Domain.Access;

/// <summary>
/// What an access-log action means, in plain words for the patient ("Hvem har sett mine data"): "så deg på
/// triagelisten", "åpnet planen din". Known families of actions by their prefix; anything else is named as it is stored,
/// so that nothing is hidden.
/// </summary>
public static class AccessWording
{
    public static PlanText Describe(string action) => action switch
    {
        "worklist.read" => new("så deg på triagelisten", "saw you on the triage list"),
        "reports.review" => new("gikk gjennom rapportene dine", "reviewed your reports"),
        "patient.list" => new("så deg i pasientlisten", "saw you in the patient list"),
        "patient.enrol" => new("meldte deg inn i oppfølgingen", "enrolled you in the follow-up"),
        "patient.read" or "patient.overview.read" => new("åpnet pasientsiden din", "opened your patient page"),
        "patient.care.change" => new("endret fastlegen din eller hvem du deles med", "changed your GP or whom you are shared with"),
        "patient.transfer.request" => new("ba om å overta oppfølgingen din", "asked to take over your follow-up"),
        "patient.transfer.list" => new("så en forespørsel om å overta oppfølgingen din", "saw a request to take over your follow-up"),
        "patient.transfer.decide" => new("svarte på en forespørsel om å overta oppfølgingen din", "answered a request to take over your follow-up"),
        "patient.care.history" => new("så hvem du deles med", "saw whom you are shared with"),
        AccessLogEntry.PolicyDeniedAction => new("prøvde å åpne noe om deg uten å ha rett til det, og ble avvist", "tried to open something about you without the right to, and was refused"),
        "access-log.read" => new("så hvem som har sett dataene dine", "saw who has seen your data"),
        "plan.read" or "plan.proposals" or "plan.burden-preview" or "plan.awaiting-approval" => new("så planen din", "saw your plan"),
        "plan.revise" => new("endret planen din", "changed your plan"),
        "plan.approve" => new("godkjente planen din", "approved your plan"),
        "pathway.board" => new("så deg på forløpstavlen", "saw you on the pathway board"),
        "pathway.read" => new("så forløpet ditt", "saw your pathway"),
        "pathway.refer" => new("registrerte en henvisning", "registered a referral"),
        "measurement.record" => new("registrerte en måling", "recorded a measurement"),
        "questionnaire-response.record" => new("registrerte svar på et spørreskjema", "recorded questionnaire answers"),
        "fhir.patient.search" => new("søkte deg opp gjennom FHIR", "looked you up through FHIR"),
        "fhir.patient.read" => new("hentet opplysninger om deg gjennom FHIR", "read your details through FHIR"),
        "break-glass.open" => new("åpnet nødtilgang til dataene dine", "opened emergency access to your data"),
        "break-glass.review-list" => new("gikk gjennom nødtilganger til dataene dine", "reviewed emergency accesses to your data"),
        "relatives.read" => new("så hvilke pårørende du har gitt tilgang", "saw which relatives you have given access"),
        "relatives.invite" => new("inviterte en pårørende på ditt ønske", "invited a relative at your wish"),
        "relatives.consent" => new("endret hva en pårørende kan gjøre", "changed what a relative may do"),
        "relatives.code" => new("laget en ny engangskode til en pårørende", "made a new one-time code for a relative"),
        "relative.sign-in" => new("logget inn som din pårørende", "signed in as your relative"),
        "tablet.issue" => new("ga deg en kode til nettbrettet", "gave you a tablet code"),
        "tablet.list" => new("så nettbrettene dine", "saw your tablets"),
        "tablet.revoke" => new("sperret et nettbrett", "blocked a tablet"),
        _ when action.StartsWith("measurement.", StringComparison.Ordinal) => new("så målingene dine", "saw your measurements"),
        _ when action.StartsWith("alert.", StringComparison.Ordinal) => new("så varsler om deg", "saw alerts about you"),
        _ when action.StartsWith("pathway.", StringComparison.Ordinal) => new("tok et steg i forløpet ditt", "took a step in your pathway"),
        _ when action.StartsWith("fhir.", StringComparison.Ordinal) => new("hentet målinger eller svar gjennom FHIR", "read measurements or answers through FHIR"),
        _ when action.StartsWith("patient-app.", StringComparison.Ordinal) => new("brukte pasientappen", "used the patient app"),
        _ => new(action, action),
    };
}
