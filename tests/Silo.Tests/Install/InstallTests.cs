using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Queue.Silo.Tests.Storage;
using Queue.Tests.Support;
using Xunit.Abstractions;

namespace Queue.Silo.Tests.Install;

/// <summary>
/// deploy/install.sh and uninstall.sh as an installer runs them on a hall's server, with every path and the user
/// renamed into a temp folder so the test leaves this machine as it found it. systemd does not start a unit there (and
/// does not run at all in a CI container): the test says so and starts the unit's ExecStart itself, as the unit's user,
/// in its WorkingDirectory, with its Environment.
/// </summary>
public sealed partial class InstallTests(ITestOutputHelper output)
{
    [RootFact]
    public async Task Install_sets_up_the_service_user_data_settings_and_unit_and_the_unit_serves_the_hall()
    {
        var publish = await SiloPublish.FolderAsync();
        var root = Directory.CreateTempSubdirectory("queue-install-").FullName;
        File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101);   // the service user must reach /opt and /etc inside it
        var name = $"queue-t{Random.Shared.Next(0x100000):x5}";
        var port = FreePort.Next();
        var names = new Dictionary<string, string>
        {
            ["QUEUE_SERVICE"] = name, ["QUEUE_USER"] = name, ["QUEUE_APP"] = $"{root}/opt", ["QUEUE_DATA"] = $"{root}/data",
            ["QUEUE_ETC"] = $"{root}/etc", ["QUEUE_UNITS"] = $"{root}/units", ["QUEUE_URLS"] = $"http://127.0.0.1:{port}",
        };
        try
        {
            var installed = await Run("bash", [Path.Combine(publish, "deploy", "install.sh")], names);
            Assert.Contains($"journalctl -u {name} | grep 初始密码", installed);
            Assert.Equal((UnixFileMode)0b111_000_000, File.GetUnixFileMode($"{root}/data"));
            Assert.Equal(name, (await Run("stat", ["-c", "%U", $"{root}/data"])).Trim());
            Assert.Equal($"{root}/etc/appsettings.json", new FileInfo($"{root}/opt/appsettings.Production.json").LinkTarget);
            Assert.True(File.Exists($"{root}/etc/halls/xuanen.hall.json"));

            var unit = Unit.Parse(File.ReadAllText($"{root}/units/{name}.service"));
            Assert.Equal("always", unit.Get("Restart"));
            Assert.Equal("journal", unit.Get("StandardOutput"));
            Assert.Equal(name, unit.Get("User"));

            // As an installer of a second silo on one machine would: other Orleans ports, in the settings file.
            var settings = JsonNode.Parse(File.ReadAllText($"{root}/etc/appsettings.json"))!;
            settings["Cluster"] = new JsonObject { ["SiloPort"] = FreePort.Next(), ["GatewayPort"] = FreePort.Next() };
            File.WriteAllText($"{root}/etc/appsettings.json", settings.ToJsonString());

            // The unit is in a test folder, so systemd (where it runs at all) does not start it: the test does, as systemd would.
            Assert.Contains("installed, not started", installed);
            output.WriteLine((Directory.Exists("/run/systemd/system") ? "systemd does not read the test's unit folder" : "systemd is not running here")
                + ": running the unit's ExecStart as its user, in its WorkingDirectory, with its Environment.");
            var log = new StringWriter();
            using (var service = StartAsService(unit, log))
            try
            {
                using var http = new HttpClient { BaseAddress = new($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
                await Wait.Until(async () => await Answers(http, "/healthz"), TimeSpan.FromSeconds(60), "the installed silo to answer", () => Log(log));

                // The password is where install.sh said: the log's 初始密码 line (what journalctl shows).
                await Wait.Until(() => InitialPassword().IsMatch(Log(log)), TimeSpan.FromSeconds(10), "the first admin's password in the log", () => Log(log));
                var password = InitialPassword().Match(Log(log)).Groups[1].Value;
                using var admin = new HttpClient(Staff.SignedIn(Staff.Admin, password, new HttpClientHandler { CookieContainer = new() }))
                    { BaseAddress = http.BaseAddress };
                // Hours-independent (the installed hall keeps its real opening hours): an account, kept in the store.
                await admin.CreateUserOk("c01", "clerk", "xuanen");
                Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/tv/xuanen")).StatusCode);
                Assert.Equal(name, (await Run("stat", ["-c", "%U", $"{root}/data/queue.db"])).Trim());
            }
            finally
            {
                service.Kill(entireProcessTree: true);
                await service.WaitForExitAsync();
            }

            // An upgrade: the application is replaced, the installer's settings and the hall data stay.
            await Run("bash", [Path.Combine(publish, "deploy", "install.sh"), publish], names);
            Assert.Contains("SiloPort", File.ReadAllText($"{root}/etc/appsettings.json"));
            Assert.True(File.Exists($"{root}/data/queue.db"));

            await Run("bash", [$"{root}/opt/deploy/uninstall.sh"], names);
            Assert.False(Directory.Exists($"{root}/opt"));
            Assert.False(File.Exists($"{root}/units/{name}.service"));
            Assert.True(File.Exists($"{root}/data/queue.db") && File.Exists($"{root}/etc/appsettings.json"));
            Assert.Equal(0, (await RunStatus("id", ["-u", name])).Code);

            await Run("bash", [Path.Combine(publish, "deploy", "uninstall.sh"), "--purge"], names);
            Assert.False(Directory.Exists($"{root}/data") || Directory.Exists($"{root}/etc"));
            Assert.NotEqual(0, (await RunStatus("id", ["-u", name])).Code);
        }
        finally
        {
            await RunStatus("userdel", [name]);
            Directory.Delete(root, recursive: true);
        }
    }

    [GeneratedRegex(@"初始密码 (\S+?)（")]
    private static partial Regex InitialPassword();

    private static string Log(StringWriter log) { lock (log) return log.ToString(); }

    private static async Task<bool> Answers(HttpClient http, string path)
    {
        try { return (await http.GetAsync(path)).StatusCode == HttpStatusCode.OK; }
        catch (HttpRequestException) { return false; }
        catch (TaskCanceledException) { return false; }
    }

    /// <summary>What systemd would do with the unit: its ExecStart as its User, in its WorkingDirectory, with its Environment.</summary>
    private static Process StartAsService(Unit unit, StringWriter log)
    {
        var start = new ProcessStartInfo("runuser") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = unit.Get("WorkingDirectory") };
        foreach (var arg in new[] { "-u", unit.Get("User"), "--", "env" }.Concat(unit.All("Environment")).Concat(unit.Get("ExecStart").Split(' ')))
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) lock (log) log.WriteLine(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (log) log.WriteLine(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task<string> Run(string file, string[] args, IReadOnlyDictionary<string, string>? env = null)
    {
        var (code, text) = await RunStatus(file, args, env);
        output.WriteLine($"$ {file} {string.Join(' ', args)}\n{text}");
        Assert.True(code == 0, $"{file} {string.Join(' ', args)} exited with {code}:\n{text}");
        return text;
    }

    private static async Task<(int Code, string Output)> RunStatus(string file, string[] args, IReadOnlyDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var p = Process.Start(start)!;
        var (stdout, stderr) = (p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }

    /// <summary>The [Service] settings of a systemd unit file, as Key=Value lines (comments and sections skipped).</summary>
    private sealed record Unit(ILookup<string, string> Settings)
    {
        public static Unit Parse(string text) => new(text.Split('\n')
            .Select(l => l.Trim()).Where(l => l.Length > 0 && l[0] is not ('#' or '[') && l.Contains('='))
            .ToLookup(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]));

        public string Get(string key) => Settings[key].Single();
        public IEnumerable<string> All(string key) => Settings[key];
    }
}
