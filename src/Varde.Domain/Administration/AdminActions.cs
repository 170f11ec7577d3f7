namespace Varde.Domain.Administration;

/// <summary>The actions the administrative audit log records.</summary>
public static class AdminActions
{
    public const string Created = "created";
    public const string Edited = "edited";
    public const string Deactivated = "deactivated";
    public const string Invited = "invited";
    public const string Imported = "imported";
    public const string SetUp = "setup";
    public const string LinkIssued = "link-issued";
    public const string Published = "published";
    public const string Retired = "retired";

    public static readonly IReadOnlyList<string> All = [Created, Edited, Deactivated, Invited, Imported, SetUp, LinkIssued, Published, Retired];
}
