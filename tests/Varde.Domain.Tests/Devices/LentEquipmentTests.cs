using Varde.Domain.Devices;

namespace Varde.Domain.Tests.Devices;

public sealed class LentEquipmentTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 13, 0, 0, TimeSpan.Zero);
    private static readonly Guid Service = Guid.NewGuid();
    private static readonly Guid Anna = Guid.NewGuid();
    private static readonly Guid Bjarne = Guid.NewGuid();

    private static LentEquipment Meter(DateOnly? serviceDue = null) =>
        LentEquipment.Add(Guid.NewGuid(), Service, EquipmentKind.BloodPressureMeter, " bp-0042 ", "Omron M7", serviceDue, "admin", Now).Value;

    [Fact]
    public void Add_NormalisesTheSerialNumber_AndStartsInStore()
    {
        var meter = Meter();

        meter.SerialNumber.ShouldBe("BP-0042");
        meter.Status.ShouldBe(EquipmentStatus.InStore);
        meter.Loans.ShouldBeEmpty();
        LentEquipment.NormaliseSerial("bp-0042").ShouldBe(meter.SerialNumber);
    }

    [Theory]
    [InlineData(null, "BP-1", null, "kind")]
    [InlineData((EquipmentKind)99, "BP-1", null, "kind")]
    [InlineData(EquipmentKind.Scale, "  ", null, "serialNumber")]
    [InlineData(EquipmentKind.Scale, null, null, "serialNumber")]
    public void Add_RefusesMissingKindOrSerial_ByField(EquipmentKind? kind, string? serial, string? model, string field) =>
        LentEquipment.Add(Guid.NewGuid(), Service, kind, serial, model, null, "admin", Now).Errors.ShouldHaveSingleItem().Field.ShouldBe(field);

    [Fact]
    public void Add_RefusesTooLongSerialAndModel_ByField()
    {
        var errors = LentEquipment.Add(Guid.NewGuid(), Service, EquipmentKind.Scale, new string('S', LentEquipment.MaxSerialLength + 1),
            new string('m', LentEquipment.MaxModelLength + 1), null, "admin", Now).Errors;

        errors.Select(e => e.Field).ShouldBe(["serialNumber", "model"]);
        LentEquipment.Add(Guid.NewGuid(), Service, EquipmentKind.Scale, new string('S', LentEquipment.MaxSerialLength),
            new string('m', LentEquipment.MaxModelLength), null, "admin", Now).IsValid.ShouldBeTrue();
    }

    [Fact]
    public void HandOutAndReturn_KeepEveryLoan_AndWhoHasItNow()
    {
        var meter = Meter();

        meter.HandOut(Anna, "nurse", Now.AddDays(1)).ShouldBeEmpty();
        meter.Status.ShouldBe(EquipmentStatus.Lent);
        meter.HolderPatientId.ShouldBe(Anna);
        meter.Return("coordinator", Now.AddDays(30)).ShouldBeEmpty();
        meter.HandOut(Bjarne, "nurse", Now.AddDays(31)).ShouldBeEmpty();

        meter.HolderPatientId.ShouldBe(Bjarne);
        meter.Loans.ShouldBe([
            new EquipmentLoan(Anna, Now.AddDays(1), "nurse", Now.AddDays(30), "coordinator"),
            new EquipmentLoan(Bjarne, Now.AddDays(31), "nurse", null, null),
        ]);
        meter.CurrentLoan!.PatientId.ShouldBe(Bjarne);
    }

    [Fact]
    public void HandOut_RefusesEquipmentLentToAnother_AndChangesNothing()
    {
        var meter = Meter();
        meter.HandOut(Anna, "nurse", Now);
        var version = meter.Version;

        meter.HandOut(Bjarne, "nurse", Now.AddHours(1)).ShouldHaveSingleItem().Field.ShouldBe("id");

        meter.HolderPatientId.ShouldBe(Anna);
        meter.Loans.Count.ShouldBe(1);
        meter.Version.ShouldBe(version);
        meter.HandOut(Anna, "nurse", Now.AddHours(2)).ShouldBeEmpty("lending it again to the patient who has it changes nothing");
        meter.Loans.Count.ShouldBe(1);
    }

    [Fact]
    public void Return_RefusesEquipmentInStore_AndATimeBeforeTheHandOut()
    {
        var meter = Meter();

        meter.Return("nurse", Now).ShouldHaveSingleItem().Field.ShouldBe("id");
        meter.HandOut(Anna, "nurse", Now);
        meter.Return("nurse", Now.AddMinutes(-1)).ShouldHaveSingleItem().Field.ShouldBe("at");
        meter.HolderPatientId.ShouldBe(Anna);
    }

    [Fact]
    public void Retire_OnlyFromStore_AndARetiredOneIsNotLent()
    {
        var meter = Meter();
        meter.HandOut(Anna, "nurse", Now);

        meter.Retire(Now.AddHours(1)).ShouldHaveSingleItem().Field.ShouldBe("id");
        meter.Return("nurse", Now.AddHours(2));
        meter.Retire(Now.AddHours(3)).ShouldBeEmpty();
        meter.Retire(Now.AddHours(4)).ShouldBeEmpty();

        meter.RetiredAt.ShouldBe(Now.AddHours(3));
        meter.Status.ShouldBe(EquipmentStatus.Retired);
        meter.HandOut(Bjarne, "nurse", Now.AddHours(5)).ShouldHaveSingleItem().Field.ShouldBe("id");
    }

    [Fact]
    public void ServiceDue_FromTheDateOn_AndNeverForRetiredEquipment()
    {
        var due = new DateOnly(2026, 12, 1);
        var meter = Meter(due);

        meter.IsServiceDue(due.AddDays(-1)).ShouldBeFalse();
        meter.IsServiceDue(due).ShouldBeTrue();
        meter.Retire(Now);
        meter.IsServiceDue(due.AddDays(1)).ShouldBeFalse();
        Meter().IsServiceDue(due).ShouldBeFalse();
    }

    [Fact]
    public void Edit_ChangesTheDetails_OrNothingOnAnError()
    {
        var meter = Meter();

        meter.Edit(EquipmentKind.BloodPressureMeter, "bp-0043", null, new DateOnly(2027, 6, 1)).ShouldBeEmpty();
        (meter.SerialNumber, meter.Model, meter.ServiceDueOn).ShouldBe(("BP-0043", (string?)null, (DateOnly?)new DateOnly(2027, 6, 1)));
        meter.Edit(null, "", "x", null).Select(e => e.Field).ShouldBe(["kind", "serialNumber"]);
        meter.SerialNumber.ShouldBe("BP-0043");
    }
}
