namespace Varde.Server.Auth.ExternalSignIn;

/// <summary>Why a sign-in through HelseID or ID-porten gave no Varde session; each has its own plain words on the refusal page.</summary>
public enum SignInRefusal
{
    /// <summary>The provider's answer could not be trusted or used (wrong audience, expired, a used code, cancelled).</summary>
    Failed,

    /// <summary>Signed in at a lower level than Varde requires (HelseID security level 4, ID-porten high).</summary>
    LevelTooLow,

    /// <summary>A staff member's token has no HPR number, which is what Varde matches staff by.</summary>
    NoHprNumber,

    /// <summary>Nobody in Varde matches (no active staff member with this HPR number).</summary>
    UnknownPerson,

    /// <summary>An ID-porten answer without the identity number (<c>pid</c>).</summary>
    MissingIdentityNumber,

    /// <summary>The person is not followed by a service that uses Varde (or no longer).</summary>
    NotEnrolled,
}
