using System.Diagnostics;
using System.Reflection;

namespace Queue.Tests.Support;

/// <summary>
/// The silo as an installer gets it: `dotnet publish silo/Silo.csproj` of the build under test (--no-build, so only the
/// publish step runs: what goes in the folder), made once per test process beside the tests' build.
/// </summary>
public static class SiloPublish
{
    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    /// <summary>The publish folder (Queue.Silo.dll, wwwroot, displays/web, node_modules, seeds, deploy).</summary>
    public static Task<string> FolderAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        // Beside the tests' own build, replaced by each run: nothing is left behind in /tmp.
        var output = Path.Combine(AppContext.BaseDirectory, "silo-publish");
        if (Directory.Exists(output)) Directory.Delete(output, recursive: true);
        var configuration = typeof(SiloPublish).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var start = new ProcessStartInfo(DotNet.Host) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", Path.Combine(SiloProcess.RepoRoot, "silo", "Silo.csproj"), "-c", configuration, "--no-build",
                     "-o", output, "--disable-build-servers", "-nologo", "-v", "quiet" })
            start.ArgumentList.Add(arg);
        using var publish = Process.Start(start)!;
        var (stdout, stderr) = (publish.StandardOutput.ReadToEndAsync(), publish.StandardError.ReadToEndAsync());
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish exited with {publish.ExitCode}:\n{await stdout}\n{await stderr}");
        return output;
    }
}
