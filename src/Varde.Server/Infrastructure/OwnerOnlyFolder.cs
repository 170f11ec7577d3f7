namespace Varde.Server.Infrastructure;

/// <summary>Makes a folder, and each missing folder above it, readable by Varde's user only (0700 on Unix).</summary>
public static class OwnerOnlyFolder
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Create(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (Directory.Exists(full))
            return;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(full);
            return;
        }

        if (Path.GetDirectoryName(full) is { } parent)
            Create(parent);
        Directory.CreateDirectory(full, Mode);
    }
}
