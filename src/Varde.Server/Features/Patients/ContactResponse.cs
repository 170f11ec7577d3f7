using Varde.Domain.Patients;

namespace Varde.Server.Features.Patients;

/// <summary>How to reach the patient, with <c>tel:</c> links ready for a phone or a softphone; null fields are not known.</summary>
public sealed record ContactResponse(PhoneResponse? Phone, PhoneResponse? OtherPhone, NextOfKinResponse? NextOfKin)
{
    public static ContactResponse From(PatientContact c) => new(PhoneResponse.Of(c.Phone), PhoneResponse.Of(c.OtherPhone),
        c.NextOfKin is { } kin ? new NextOfKinResponse(kin.Name, kin.Relation, PhoneResponse.Of(kin.Phone)!) : null);
}

/// <summary>A number as it was given ("912 34 567") and the link that dials it ("tel:91234567").</summary>
public sealed record PhoneResponse(string Number, string Tel)
{
    public static PhoneResponse? Of(string? number) => number is null ? null : new(number, PhoneNumber.TelUri(number));
}

public sealed record NextOfKinResponse(string Name, string Relation, PhoneResponse Phone);
