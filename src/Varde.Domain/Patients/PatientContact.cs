namespace Varde.Domain.Patients;

/// <summary>
/// How the follow-up service reaches the patient: the phone number to call first, another number, and the next of kin
/// (nærmeste pårørende) to call when the patient cannot be reached. What "Kontaktet pasienten" needs. The next of kin
/// is a contact in the record, not a <see cref="Relatives.Relative"/> with access to the patient app (one may be both).
/// Personal data: never log it.
/// </summary>
public sealed record PatientContact(string? Phone, string? OtherPhone, NextOfKin? NextOfKin)
{
    public static readonly PatientContact None = new(null, null, null);

    /// <summary>
    /// Checks what a nurse typed. Empty fields mean "not known"; a next of kin given at all needs a name, what they are to
    /// the patient, and a number to call.
    /// </summary>
    public static Validated<PatientContact> Check(string? phone, string? otherPhone, string? nextOfKinName, string? nextOfKinRelation,
        string? nextOfKinPhone)
    {
        var errors = new List<ValidationError>();
        var cleanPhone = PhoneNumber.Clean(phone);
        var cleanOther = PhoneNumber.Clean(otherPhone);
        if (PhoneNumber.Check(cleanPhone, "phone") is { } phoneError)
            errors.Add(phoneError);
        if (PhoneNumber.Check(cleanOther, "otherPhone") is { } otherError)
            errors.Add(otherError);
        if (cleanPhone is null)
            (cleanPhone, cleanOther) = (cleanOther, null); // one number given, in either field: the one to call first

        NextOfKin? nextOfKin = null;
        var name = Given(nextOfKinName);
        var relation = Given(nextOfKinRelation);
        var kinPhone = PhoneNumber.Clean(nextOfKinPhone);
        if (name is not null || relation is not null || kinPhone is not null)
        {
            if (name is null || name.Length > NextOfKin.MaxNameLength)
                errors.Add(new("nextOfKin.name", $"Give the next of kin's name in 1–{NextOfKin.MaxNameLength} characters."));
            if (relation is null || relation.Length > NextOfKin.MaxRelationLength)
                errors.Add(new("nextOfKin.relation",
                    $"Say what the next of kin is to the patient (e.g. datter, ektefelle) in 1–{NextOfKin.MaxRelationLength} characters."));
            if (kinPhone is null || !PhoneNumber.IsValid(kinPhone))
                errors.Add(new("nextOfKin.phone", "Give the next of kin's phone number: 8 to 15 digits, may start with +."));
            if (errors.Count == 0)
                nextOfKin = new NextOfKin(name!, relation!, kinPhone!);
        }

        return errors.Count > 0 ? Validated<PatientContact>.Fail(errors) : Validated<PatientContact>.Ok(new(cleanPhone, cleanOther, nextOfKin));
    }

    private static string? Given(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The patient's next of kin: who they are ("Kari Nordmann"), what they are to the patient ("datter"), and their phone.</summary>
public sealed record NextOfKin(string Name, string Relation, string Phone)
{
    public const int MaxNameLength = 100;
    public const int MaxRelationLength = 40;
}
