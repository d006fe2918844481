using System.Diagnostics;

namespace Queue.Silo.Tests.Storage;

/// <summary>Runs only as root (CI does), where a test may mount a filesystem; elsewhere it is reported as skipped.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess) Skip = "needs root to mount a small tmpfs for the full-disk test (CI runs as root)";
    }
}

/// <summary>A tmpfs of a few megabytes that a test fills to the last byte and frees again; unmounted on dispose.</summary>
public sealed class SmallDisk : IDisposable
{
    private readonly string _filler;

    public SmallDisk(int megabytes)
    {
        Folder = Directory.CreateTempSubdirectory("queue-disk-").FullName;
        Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", Folder);
        _filler = Path.Combine(Folder, "filler");
    }

    public string Folder { get; }

    /// <summary>Writes a filler file until the disk answers ENOSPC.</summary>
    public void Fill()
    {
        using var file = new FileStream(_filler, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
        var chunk = new byte[4096];
        try
        {
            while (true) file.Write(chunk);
        }
        catch (IOException) { }     // no space left on device
    }

    public void Free() => File.Delete(_filler);

    public void Dispose()
    {
        Run("umount", "--lazy", Folder);
        Directory.Delete(Folder);
    }

    private static void Run(string tool, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardError = true })!;
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} {string.Join(' ', args)} failed ({p.ExitCode}): {error}");
    }
}
