namespace Varde.Server.Auth;

/// <summary>The claims every Varde principal carries, from a cookie login or a bearer token alike.</summary>
public static class VardeClaims
{
    /// <summary>The actor id: a staff member's id, or an integration client's client id.</summary>
    public const string Subject = "sub";

    public const string Name = "name";

    /// <summary>One of <see cref="Domain.Access.Role"/>, as its name.</summary>
    public const string Role = "role";

    /// <summary>The id of the organisation the actor acts for.</summary>
    public const string Organisation = "org";

    /// <summary>On a device gateway's token: the id of the gateway secret it was issued for (ADR 0024).</summary>
    public const string GatewaySecret = "gws";

    /// <summary>On a session opened through an external provider: which one (HelseId, IdPorten); absent for a password or PIN.</summary>
    public const string SignInMethod = "signin";

    /// <summary>On a HelseID session: the HPR number it was matched by, so the session ends if the number moves to another record.</summary>
    public const string HprNumber = "hpr";

    /// <summary>On a relative's session: the patient they act for.</summary>
    public const string OnBehalfOf = "patient";

    /// <summary>On a relative's session: the name of the patient they act for, for the app's banner.</summary>
    public const string OnBehalfOfName = "patient_name";

    /// <summary>On a relative's session: what the patient's consent lets them do (<see cref="Domain.Relatives.RelativePermissions"/> as a number), kept current on every request.</summary>
    public const string RelativePermissions = "relperm";
}
