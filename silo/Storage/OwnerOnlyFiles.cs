namespace Queue.Silo.Storage;

/// <summary>
/// Data files only the silo's own user can read (files 0600, folders 0700): the log holds residents' sealed data and
/// the key folder the keys that open it. Nothing to do on Windows, whose folders inherit their owner's ACL.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FileBits = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderBits = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (and missing parents) 0700. An existing folder is set to 0700 only when
    /// <paramref name="ours"/>: a store file may be put in a shared folder (/tmp, a home) whose mode is not ours to change.</summary>
    public static void Folder(string path, bool ours)
    {
        if (OperatingSystem.IsWindows()) return;
        if (Directory.Exists(path))
        {
            if (ours) File.SetUnixFileMode(path, FolderBits);
            return;
        }
        // Parents first: Directory.CreateDirectory gives the mode to the last folder only (the key folder is often made
        // before the store's own, its parent).
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } parent) Folder(parent, ours: false);
        Directory.CreateDirectory(path, FolderBits);
    }

    /// <summary>Sets the file to 0600; when <paramref name="create"/>, a missing one is created empty with that mode first.</summary>
    public static void Own(string path, bool create)
    {
        if (OperatingSystem.IsWindows()) return;
        if (File.Exists(path)) File.SetUnixFileMode(path, FileBits);
        else if (create) new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileBits }).Dispose();
    }
}
