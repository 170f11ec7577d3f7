namespace Varde.Domain.Access;

public enum AccessOutcome
{
    Allowed,
    Denied,
}
