using Varde.Domain.Access;
using Varde.Domain.Organisations;
using Varde.Domain.Patients;
using Varde.Domain.Staff;

namespace Varde.Domain.Tests.Organisations;

public sealed class OrganisationTests
{
    [Theory]
    [InlineData("3901", true)]
    [InlineData("0301", true)]
    [InlineData("301", false)]
    [InlineData("39011", false)]
    [InlineData("39a1", false)]
    public void Municipality_NumberMustHaveFourDigits(string number, bool valid) =>
        Organisation.Municipality(Guid.NewGuid(), "Horten", number, null).IsValid.ShouldBe(valid);

    [Fact]
    public void FollowUpService_ServesSeveralMunicipalities()
    {
        var horten = Organisation.Municipality(Guid.NewGuid(), "Horten", "3901", null).Value;
        var holmestrand = Organisation.Municipality(Guid.NewGuid(), "Holmestrand", "3903", null).Value;

        var service = Organisation.FollowUpService(Guid.NewGuid(), "Oppfølgingstjenesten", [horten, holmestrand], null).Value;

        service.Serves(horten.Id).ShouldBeTrue();
        service.Serves(holmestrand.Id).ShouldBeTrue();
        service.Serves(Guid.NewGuid()).ShouldBeFalse();
    }

    [Fact]
    public void FollowUpService_WithoutMunicipalities_IsRejected() =>
        Organisation.FollowUpService(Guid.NewGuid(), "X", [], null).IsValid.ShouldBeFalse();

    [Fact]
    public void FollowUpService_ServingAGpOffice_IsRejected()
    {
        var office = Organisation.GpOffice(Guid.NewGuid(), "Legesenteret", null).Value;

        Organisation.FollowUpService(Guid.NewGuid(), "X", [office], null).IsValid.ShouldBeFalse();
    }

    [Theory]
    [InlineData(Role.Gp, null, false)]
    [InlineData(Role.Gp, "1234567", true)]
    [InlineData(Role.Nurse, null, true)]
    [InlineData(Role.Nurse, "12ab567", false)]
    [InlineData(Role.DeviceGateway, null, false)]
    public void StaffMember_HprNumberRules(Role role, string? hpr, bool valid) =>
        StaffMember.Create(Guid.NewGuid(), "Kari", role, Guid.NewGuid(), hpr).IsValid.ShouldBe(valid);

    [Fact]
    public void Patient_Enrol_InvalidIdentityNumber_IsRejectedWithReason()
    {
        var result = Patient.Enrol(Guid.NewGuid(), "13097248032", "Ola", Guid.NewGuid(), Guid.NewGuid(), null, null,
            DiagnosisGroup.Copd, DateTimeOffset.UnixEpoch.AddYears(56));

        result.Errors.ShouldHaveSingleItem().Message.ShouldContain("control digit");
    }

    [Fact]
    public void Patient_AgeOn_CountsBirthdays()
    {
        var patient = Patient.Enrol(Guid.NewGuid(), "13097248022", "Ola", Guid.NewGuid(), Guid.NewGuid(), null, null,
            DiagnosisGroup.Copd, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).Value;

        patient.AgeOn(new DateOnly(2026, 9, 12)).ShouldBe(53);
        patient.AgeOn(new DateOnly(2026, 9, 13)).ShouldBe(54);
    }
}

public sealed class OrganisationChangeTests
{
    private static readonly Organisation Horten = Organisation.Municipality(Guid.NewGuid(), "Horten", "3901", null).Value;
    private static readonly Organisation Holmestrand = Organisation.Municipality(Guid.NewGuid(), "Holmestrand", "3903", null).Value;

    [Fact]
    public void Edit_ChangesNameAndNumbers_OrNothingWhenAFieldIsWrong()
    {
        var municipality = Organisation.Municipality(Guid.NewGuid(), "Horten", "3901", null).Value;

        municipality.Edit("", "39", "964965227", null).Select(e => e.Field).ShouldBe(["name", "organisationNumber", "municipalityNumber"], ignoreOrder: true);
        municipality.Name.ShouldBe("Horten");

        municipality.Edit(" Horten kommune ", "3901", "964 965 226", null).ShouldBeEmpty();
        (municipality.Name, municipality.OrganisationNumber).ShouldBe(("Horten kommune", "964965226"));
    }

    [Fact]
    public void ChangeServedMunicipalities_ReplacesTheList_ForAFollowUpServiceOnly()
    {
        var service = Organisation.FollowUpService(Guid.NewGuid(), "Nord", [Horten], null).Value;

        service.ChangeServedMunicipalities([Horten, Holmestrand]).ShouldBeEmpty();
        service.ServedMunicipalityIds.ShouldBe([Horten.Id, Holmestrand.Id]);
        service.ChangeServedMunicipalities([]).Single().Field.ShouldBe("servedMunicipalities");
        service.ServedMunicipalityIds.Count.ShouldBe(2);
        Horten.ChangeServedMunicipalities([Holmestrand]).ShouldNotBeEmpty();
    }

    [Fact]
    public void Deactivate_KeepsTheFirstTime()
    {
        var office = Organisation.GpOffice(Guid.NewGuid(), "Legesenteret", null).Value;
        var first = new DateTimeOffset(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);

        office.IsActive.ShouldBeTrue();
        office.Deactivate(first);
        office.Deactivate(first.AddDays(1));

        (office.IsActive, office.DeactivatedAt).ShouldBe((false, first));
    }

    [Fact]
    public void AHealthCommunity_BelongsToNoHealthCommunity()
    {
        var community = Organisation.HealthCommunity(Guid.NewGuid(), "Vestfold").Value;

        community.Edit("Vestfold", null, null, Guid.NewGuid()).Single().Field.ShouldBe("healthCommunityId");
    }
}
