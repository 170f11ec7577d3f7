namespace Varde.Domain.Devices;

/// <summary>
/// One piece of equipment a follow-up service lends to patients (a tablet, a blood-pressure meter, a pulse oximeter…),
/// known by its serial number (unique in the service). It is in store, lent to one patient, or retired; every loan is
/// kept (to whom, handed out and returned, by whom). The battery-change or service date says when it must be seen to.
/// Retired, never deleted: its loans stay.
/// </summary>
public sealed class LentEquipment
{
    public const int MaxSerialLength = 100;
    public const int MaxModelLength = 200;

    private readonly List<EquipmentLoan> _loans = [];

    private LentEquipment()
    {
        SerialNumber = "";
        AddedBy = "";
    }

    public Guid Id { get; private set; }

    /// <summary>The follow-up service that owns and lends it.</summary>
    public Guid ServiceId { get; private set; }

    public EquipmentKind Kind { get; private set; }

    /// <summary>Upper case, trimmed: "ab-12 " and "AB-12" are the same serial number.</summary>
    public string SerialNumber { get; private set; }

    /// <summary>Make and model, e.g. "Omron M7 Intelli IT".</summary>
    public string? Model { get; private set; }

    /// <summary>When the battery is to be changed or the equipment serviced (calibrated); null when nothing is due.</summary>
    public DateOnly? ServiceDueOn { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public string AddedBy { get; private set; }

    /// <summary>The patient who has it now; null while it is in store.</summary>
    public Guid? HolderPatientId { get; private set; }

    /// <summary>Every loan, the newest last; the open one (no return) is the current holder's.</summary>
    public IReadOnlyList<EquipmentLoan> Loans => _loans;

    public DateTimeOffset? RetiredAt { get; private set; }

    /// <summary>Counts changes, so two people lending the same item at once cannot both win.</summary>
    public int Version { get; private set; }

    public EquipmentStatus Status => RetiredAt is not null ? EquipmentStatus.Retired : HolderPatientId is not null ? EquipmentStatus.Lent : EquipmentStatus.InStore;

    /// <summary>The open loan, while it is lent out.</summary>
    public EquipmentLoan? CurrentLoan => HolderPatientId is null ? null : _loans[^1];

    public bool IsServiceDue(DateOnly today) => RetiredAt is null && ServiceDueOn is { } due && due <= today;

    public static string NormaliseSerial(string? serial) => serial?.Trim().ToUpperInvariant() ?? "";

    public static Validated<LentEquipment> Add(Guid id, Guid serviceId, EquipmentKind? kind, string? serialNumber, string? model, DateOnly? serviceDueOn,
        string addedBy, DateTimeOffset at)
    {
        var errors = Errors(kind, serialNumber, model);
        if (errors.Count > 0)
            return Validated<LentEquipment>.Fail(errors);
        return Validated<LentEquipment>.Ok(new LentEquipment
        {
            Id = id,
            ServiceId = serviceId,
            Kind = kind!.Value,
            SerialNumber = NormaliseSerial(serialNumber),
            Model = string.IsNullOrWhiteSpace(model) ? null : model.Trim(),
            ServiceDueOn = serviceDueOn,
            AddedAt = at.ToUniversalTime(),
            AddedBy = addedBy,
            Version = 1,
        });
    }

    /// <summary>Changes kind, serial number, model and service date under the rules of <see cref="Add"/>; nothing changes on an error.</summary>
    public IReadOnlyList<ValidationError> Edit(EquipmentKind? kind, string? serialNumber, string? model, DateOnly? serviceDueOn)
    {
        var errors = Errors(kind, serialNumber, model);
        if (errors.Count > 0)
            return errors;
        (Kind, SerialNumber, Model, ServiceDueOn) = (kind!.Value, NormaliseSerial(serialNumber), string.IsNullOrWhiteSpace(model) ? null : model.Trim(), serviceDueOn);
        Version++;
        return [];
    }

    /// <summary>Lends it to a patient; it must be in store (lending it again to the patient who has it changes nothing).</summary>
    public IReadOnlyList<ValidationError> HandOut(Guid patientId, string by, DateTimeOffset at)
    {
        if (RetiredAt is not null)
            return [new("id", $"{SerialNumber} is retired and cannot be lent.")];
        if (HolderPatientId == patientId)
            return [];
        if (HolderPatientId is not null)
            return [new("id", $"{SerialNumber} is lent to another patient; record its return first.")];
        if (_loans.Count > 0 && at < _loans[^1].ReturnedAt)
            return [new("at", "A loan cannot start before the last one ended.")];
        HolderPatientId = patientId;
        _loans.Add(new EquipmentLoan(patientId, at.ToUniversalTime(), by, null, null));
        Version++;
        return [];
    }

    /// <summary>Records that it came back into store.</summary>
    public IReadOnlyList<ValidationError> Return(string by, DateTimeOffset at)
    {
        if (CurrentLoan is not { } loan)
            return [new("id", $"{SerialNumber} is not lent out.")];
        if (at < loan.HandedOutAt)
            return [new("at", "It cannot be returned before it was handed out.")];
        _loans[^1] = loan with { ReturnedAt = at.ToUniversalTime(), ReturnedBy = by };
        HolderPatientId = null;
        Version++;
        return [];
    }

    /// <summary>Takes it out of use (broken, lost, too old); only from store. Retiring again keeps the first time.</summary>
    public IReadOnlyList<ValidationError> Retire(DateTimeOffset at)
    {
        if (HolderPatientId is not null)
            return [new("id", $"{SerialNumber} is lent out; record its return before retiring it.")];
        if (RetiredAt is null)
        {
            RetiredAt = at.ToUniversalTime();
            Version++;
        }

        return [];
    }

    private static List<ValidationError> Errors(EquipmentKind? kind, string? serialNumber, string? model)
    {
        var errors = new List<ValidationError>();
        if (kind is null || !Enum.IsDefined(kind.Value))
            errors.Add(new("kind", "Choose what kind of equipment this is."));
        var serial = NormaliseSerial(serialNumber);
        if (serial.Length is 0 or > MaxSerialLength)
            errors.Add(new("serialNumber", $"A serial number is 1 to {MaxSerialLength} characters."));
        if (model?.Trim().Length > MaxModelLength)
            errors.Add(new("model", $"At most {MaxModelLength} characters."));
        return errors;
    }
}

/// <summary>One loan of a piece of equipment: to whom, handed out when and by whom, returned when and by whom.</summary>
public sealed record EquipmentLoan(Guid PatientId, DateTimeOffset HandedOutAt, string HandedOutBy, DateTimeOffset? ReturnedAt, string? ReturnedBy);

public enum EquipmentKind
{
    Tablet,
    BloodPressureMeter,
    PulseOximeter,
    Scale,
    GlucoseMeter,
    Thermometer,
    PeakFlowMeter,
    Other,
}

public enum EquipmentStatus
{
    InStore,
    Lent,
    Retired,
}
