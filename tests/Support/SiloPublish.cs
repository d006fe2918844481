using System.Diagnostics;
using System.Reflection;

namespace Queue.Tests.Support;

/// <summary>
/// The silo as an installer gets it: `dotnet publish silo/Silo.csproj` of the build under test (--no-build, so only the
/// publish step runs: what goes in the folder), made once per test process in a temp folder.
/// </summary>
public static class SiloPublish
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    /// <summary>The publish folder (Queue.Silo.dll, wwwroot, displays/web, node_modules, seeds, deploy).</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        var output = Directory.CreateTempSubdirectory("queue-publish-").FullName;
        var configuration = typeof(SiloPublish).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo(DotNet.Host) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", Path.Combine(SiloProcess.RepoRoot, "silo", "Silo.csproj"), "-c", configuration, "--no-build",
                     "-o", output, "--disable-build-servers", "-nologo", "-v", "quiet" })
            start.ArgumentList.Add(arg);
        using var publish = Process.Start(start)!;
        var (stdout, stderr) = (publish.StandardOutput.ReadToEndAsync(), publish.StandardError.ReadToEndAsync());
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish exited with {publish.ExitCode}:\n{await stdout}\n{await stderr}");
        // Created 0700 as every temp folder; a service user must be able to read the publish, as in /opt.
        File.SetUnixFileMode(output, (UnixFileMode)0b111_101_101);
        return output;
    }
}
