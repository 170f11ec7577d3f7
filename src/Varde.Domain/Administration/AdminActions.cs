namespace Varde.Domain.Administration;

/// <summary>The actions the administrative audit log records.</summary>
public static class AdminActions
{
    public const string Created = "created";
    public const string Edited = "edited";
    public const string Deactivated = "deactivated";
    public const string Reactivated = "reactivated";
    public const string Invited = "invited";
    public const string Imported = "imported";
    public const string SetUp = "setup";
    public const string LinkIssued = "link-issued";
    public const string SecretRotated = "secret-rotated";
    public const string Revoked = "revoked";
    public const string HandedOut = "handed-out";
    public const string Returned = "returned";
    public const string Retired = "retired";
    public const string Published = "published";
    public const string KeysReplaced = "keys-replaced";

    public static readonly IReadOnlyList<string> All = [Created, Edited, Deactivated, Reactivated, Invited, Imported, SetUp, LinkIssued, SecretRotated, Revoked, HandedOut,
        Returned, Retired, Published, KeysReplaced];
}
