namespace Varde.Domain.Access;

public enum AccessOutcome
{
    Allowed,
    Denied,

    /// <summary>Allowed only because the caller had opened emergency access (break-glass, nødtilgang) to the patient.</summary>
    BreakGlass,
}
