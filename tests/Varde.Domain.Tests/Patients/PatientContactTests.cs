using Varde.Domain.Patients;

namespace Varde.Domain.Tests.Patients;

/// <summary>Issue 19 item 2: how the service reaches the patient and their next of kin.</summary>
public sealed class PatientContactTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("912 34 567", true, "tel:91234567")]
    [InlineData("+47 912 34 567", true, "tel:+4791234567")]
    [InlineData("33-03-12-00", true, "tel:33031200")]
    [InlineData("0047 33031200", true, "tel:004733031200")]
    [InlineData("1234567", false, null)]
    [InlineData("9123456789012345", false, null)]
    [InlineData("912 34 567 ext 2", false, null)]
    [InlineData("91+234567", false, null)]
    [InlineData("+47 912 34 567 1234 5678 9012 3456", false, null)]
    public void APhoneNumber_IsDialable_WithEightToFifteenDigits(string number, bool valid, string? tel)
    {
        PhoneNumber.IsValid(number).ShouldBe(valid);
        if (tel is not null)
            PhoneNumber.TelUri(number).ShouldBe(tel);
    }

    [Fact]
    public void Check_TrimsWhatIsGiven_AndEmptyMeansNotKnown()
    {
        var contact = PatientContact.Check(" 912 34 567 ", "  ", " Kari Nordmann ", " datter ", " 98765432 ");

        contact.IsValid.ShouldBeTrue();
        contact.Value.ShouldBe(new PatientContact("912 34 567", null, new NextOfKin("Kari Nordmann", "datter", "98765432")));
        PatientContact.Check(null, "", " ", null, "").Value.ShouldBe(PatientContact.None);
    }

    [Fact]
    public void OneNumberGivenAsTheOtherOne_IsTheNumberToCallFirst()
    {
        PatientContact.Check(null, "33 03 12 00", null, null, null).Value.ShouldBe(new PatientContact("33 03 12 00", null, null));
    }

    [Theory]
    [InlineData("12", null, null, null, null, "phone")]
    [InlineData("91234567", "abc", null, null, null, "otherPhone")]
    [InlineData(null, null, "Kari", null, null, "nextOfKin.relation,nextOfKin.phone")]
    [InlineData(null, null, null, "datter", "98765432", "nextOfKin.name")]
    [InlineData(null, null, "Kari", "datter", "987", "nextOfKin.phone")]
    public void WhatIsWrong_IsNamedByField(string? phone, string? other, string? kinName, string? kinRelation, string? kinPhone, string fields)
    {
        var contact = PatientContact.Check(phone, other, kinName, kinRelation, kinPhone);

        contact.IsValid.ShouldBeFalse();
        contact.Errors.Select(e => e.Field).ShouldBe(fields.Split(','), ignoreOrder: true);
    }

    [Fact]
    public void TooLongNamesAreRefused()
    {
        PatientContact.Check(null, null, new string('K', NextOfKin.MaxNameLength + 1), "datter", "98765432").Errors.Single().Field.ShouldBe("nextOfKin.name");
        PatientContact.Check(null, null, "Kari", new string('d', NextOfKin.MaxRelationLength + 1), "98765432").Errors.Single().Field
            .ShouldBe("nextOfKin.relation");
    }

    [Fact]
    public void ChangingTheContact_SaysWhetherAnythingChanged_AndWhen()
    {
        var patient = Patient.Enrol(Guid.NewGuid(), "13097248022", "Anna Pasient", Guid.NewGuid(), Guid.NewGuid(), null, null, DiagnosisGroup.Copd,
            Now.AddDays(-3), new PatientContact("912 34 567", null, null)).Value;
        patient.ContactChangedAt.ShouldBeNull("given at enrolment is not a change");

        patient.ChangeContact(new PatientContact("912 34 567", null, null), Now).ShouldBeFalse();
        patient.ContactChangedAt.ShouldBeNull();

        var withKin = new PatientContact("912 34 567", "33 03 12 00", new NextOfKin("Kari Pasient", "datter", "98765432"));
        patient.ChangeContact(withKin, Now).ShouldBeTrue();
        patient.Contact.ShouldBe(withKin);
        patient.ContactChangedAt.ShouldBe(Now);

        patient.ChangeContact(PatientContact.None, Now.AddHours(1)).ShouldBeTrue();
        patient.Contact.ShouldBe(PatientContact.None);
        (patient.NextOfKinName, patient.NextOfKinRelation, patient.NextOfKinPhone).ShouldBe((null, null, null));
    }
}
