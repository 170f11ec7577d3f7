using Varde.Domain.Access;

namespace Varde.Domain.Patients;

/// <summary>
/// A person followed at home. Identified by a validated Norwegian identity number; followed by one follow-up
/// service, listed with one GP, and shared with the hospital departments that take part in their care. The GP and the
/// departments can change; each change is kept as a <see cref="PatientCareChange"/>.
/// </summary>
public sealed class Patient
{
    private List<Guid> _sharedWithDepartmentIds = [];

    private Patient()
    {
        IdentityNumber = "";
        Name = "";
    }

    private Patient(Guid id, NorwegianIdentityNumber identityNumber, string name, Guid followUpServiceId, Guid municipalityId,
        Guid? gpStaffId, Guid? sharedWithDepartmentId, DiagnosisGroup diagnoses, DateTimeOffset enrolledAt, PatientContact contact)
    {
        Id = id;
        IdentityNumber = identityNumber.Value;
        IdentityKind = identityNumber.Kind;
        BirthDate = identityNumber.BirthDate;
        LegalSex = identityNumber.LegalSex;
        Name = name;
        FollowUpServiceId = followUpServiceId;
        MunicipalityId = municipalityId;
        GpStaffId = gpStaffId;
        if (sharedWithDepartmentId is { } department)
            _sharedWithDepartmentIds.Add(department);
        Diagnoses = diagnoses;
        EnrolledAt = enrolledAt;
        SetContact(contact);
    }

    public Guid Id { get; private set; }

    /// <summary>The 11-digit identity number. Personal data: never log it.</summary>
    public string IdentityNumber { get; private set; }

    public IdentityNumberKind IdentityKind { get; private set; }

    public DateOnly BirthDate { get; private set; }

    /// <summary>The legal sex, from the identity number (counted in the statistics; issue 21).</summary>
    public LegalSex LegalSex { get; private set; }

    /// <summary>Full name. Personal data: never log it.</summary>
    public string Name { get; private set; }

    public Guid FollowUpServiceId { get; private set; }

    /// <summary>The municipality the patient lives in (and that pays for the service).</summary>
    public Guid MunicipalityId { get; private set; }

    public Guid? GpStaffId { get; private set; }

    /// <summary>The hospital departments the patient is shared with (need to know: their specialists see the patient).</summary>
    public IReadOnlyList<Guid> SharedWithDepartmentIds => _sharedWithDepartmentIds;

    public DiagnosisGroup Diagnoses { get; private set; }

    public DateTimeOffset EnrolledAt { get; private set; }

    /// <summary>The number to call first. Personal data: never log it.</summary>
    public string? Phone { get; private set; }

    public string? OtherPhone { get; private set; }

    public string? NextOfKinName { get; private set; }

    public string? NextOfKinRelation { get; private set; }

    public string? NextOfKinPhone { get; private set; }

    /// <summary>When the contact details were last changed; null: as given at enrolment.</summary>
    public DateTimeOffset? ContactChangedAt { get; private set; }

    /// <summary>How the service reaches the patient, and their next of kin.</summary>
    public PatientContact Contact => new(Phone, OtherPhone,
        NextOfKinName is { } name && NextOfKinRelation is { } relation && NextOfKinPhone is { } phone ? new NextOfKin(name, relation, phone) : null);

    /// <summary>Replaces the contact details with checked ones; true when something changed.</summary>
    public bool ChangeContact(PatientContact contact, DateTimeOffset at)
    {
        if (contact == Contact)
            return false;
        ContactChangedAt = at.ToUniversalTime();
        SetContact(contact);
        return true;
    }

    private void SetContact(PatientContact contact)
    {
        (Phone, OtherPhone) = (contact.Phone, contact.OtherPhone);
        (NextOfKinName, NextOfKinRelation, NextOfKinPhone) = (contact.NextOfKin?.Name, contact.NextOfKin?.Relation, contact.NextOfKin?.Phone);
    }

    public PatientCareRelations CareRelations => new(Id, FollowUpServiceId, GpStaffId, _sharedWithDepartmentIds, MunicipalityId);

    /// <summary>
    /// Lists the patient with another GP (or none) and shares them with exactly the given departments. Returns what
    /// changed, one entry per change, by whom and when; nothing when nothing changed.
    /// </summary>
    public IReadOnlyList<PatientCareChange> ChangeCare(Guid? gpStaffId, IReadOnlyCollection<Guid> departmentIds, string byActorId, DateTimeOffset at)
    {
        var changes = new List<PatientCareChange>();
        if (gpStaffId != GpStaffId)
        {
            changes.Add(new(Guid.CreateVersion7(at), Id, at, byActorId, PatientCareChangeKind.GpChanged, GpStaffId, gpStaffId));
            GpStaffId = gpStaffId;
        }

        var wanted = departmentIds.Distinct().ToList();
        foreach (var stopped in _sharedWithDepartmentIds.Except(wanted).ToList())
            changes.Add(new(Guid.CreateVersion7(at), Id, at, byActorId, PatientCareChangeKind.SharingStopped, stopped, null));
        foreach (var started in wanted.Except(_sharedWithDepartmentIds).ToList())
            changes.Add(new(Guid.CreateVersion7(at), Id, at, byActorId, PatientCareChangeKind.SharedWith, null, started));
        if (changes.Any(c => c.Kind != PatientCareChangeKind.GpChanged))
            _sharedWithDepartmentIds = wanted;
        return changes;
    }

    /// <summary>
    /// Moves the patient to the follow-up service that asked for them (an accepted <see cref="TransferRequest"/>), in the
    /// municipality and with the GP it gave; departments the patient is shared with stay. Returns the changes.
    /// </summary>
    public IReadOnlyList<PatientCareChange> Transfer(TransferRequest request, string byActorId, DateTimeOffset at)
    {
        var changes = new List<PatientCareChange>();
        if (request.ToServiceId != FollowUpServiceId)
        {
            changes.Add(new(Guid.CreateVersion7(at), Id, at, byActorId, PatientCareChangeKind.ServiceChanged, FollowUpServiceId, request.ToServiceId));
            FollowUpServiceId = request.ToServiceId;
        }

        if (request.MunicipalityId != MunicipalityId)
        {
            changes.Add(new(Guid.CreateVersion7(at), Id, at, byActorId, PatientCareChangeKind.MunicipalityChanged, MunicipalityId, request.MunicipalityId));
            MunicipalityId = request.MunicipalityId;
        }

        changes.AddRange(ChangeCare(request.GpStaffId ?? GpStaffId, _sharedWithDepartmentIds, byActorId, at));
        return changes;
    }

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate.AddYears(age) > day ? age - 1 : age;
    }

    /// <summary>A new patient; <paramref name="contact"/>: the contact details known at enrolment (checked by <see cref="PatientContact.Check"/>).</summary>
    public static Validated<Patient> Enrol(Guid id, string? identityNumber, string? name, Guid followUpServiceId, Guid municipalityId,
        Guid? gpStaffId, Guid? sharedWithDepartmentId, DiagnosisGroup diagnoses, DateTimeOffset enrolledAt, PatientContact? contact = null)
    {
        var errors = new List<ValidationError>();
        var number = NorwegianIdentityNumber.Parse(identityNumber);
        errors.AddRange(number.Errors);
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 200)
            errors.Add(new("name", "A patient needs a name of 1 to 200 characters."));
        if (number.IsValid && DateOnly.FromDateTime(enrolledAt.UtcDateTime) < number.Value.BirthDate)
            errors.Add(new("identityNumber", "The birth date in the identity number is after the enrolment date."));
        return errors.Count > 0
            ? Validated<Patient>.Fail(errors)
            : Validated<Patient>.Ok(new(id, number.Value, name!.Trim(), followUpServiceId, municipalityId, gpStaffId,
                sharedWithDepartmentId, diagnoses, enrolledAt.ToUniversalTime(), contact ?? PatientContact.None));
    }
}
