using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Install;

/// <summary>
/// `Queue.Silo backup FILE` and `restore FILE` (the installer's commands, run as their own process beside a live silo,
/// as cron would): a backup taken while numbers are being taken restores into a fresh store with every number answered
/// before it began; a quiet hall restores to the same state; a running silo's store is never restored over.
/// </summary>
public sealed class BackupTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("queue-backup-").FullName;

    /// <summary>A file in a folder of its own (a store's -wal and keys go beside it), removed with the test.</summary>
    string Temp(string file) => Path.Combine(Directory.CreateDirectory(Path.Combine(_folder, Guid.NewGuid().ToString("N"))).FullName, file);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_backup_taken_under_load_restores_into_a_fresh_store_with_every_number_answered_before_it()
    {
        // One client takes numbers as fast as it can while the backup runs: lift the per-client taking limit, or on a
        // quiet machine its 61st number in a minute is refused.
        await using var live = new SiloApplication(settings: new Dictionary<string, string> { ["RateLimits:taking:PermitLimit"] = "100000" });
        var http = live.Client();
        var answered = new ConcurrentQueue<JsonElement>();
        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested) answered.Enqueue(await http.TakeOk(new { categoryCode = "general" }));
        });
        await Wait.Until(() => answered.Count >= 20 || load.IsCompleted, TimeSpan.FromSeconds(30), "20 numbers under load");
        var before = answered.ToArray();
        var backup = Temp("backup.db");

        var (code, said) = await Command("backup", backup, live.DatabasePath);
        var during = answered.Count;
        await Wait.Until(() => answered.Count >= during + 5 || load.IsCompleted, TimeSpan.FromSeconds(30), "the load to go on");
        await stop.CancelAsync();
        await load;
        Assert.True(code == 0, said);
        Assert.Contains("已备份", said);
        Assert.True(during > before.Length, "no number was taken while the backup ran: it did not run under load");

        var fresh = Temp("queue.db");
        Assert.Equal(0, (await Command("restore", backup, fresh)).Code);
        // Every number is looked up from one address: lift the phones' per-address limit, or a fast load's 61st look-up is refused.
        await using var restored = new SiloApplication(fresh, settings: new Dictionary<string, string> { ["RateLimits:lookup:PermitLimit"] = "100000" });
        var phone = restored.AnonymousClient();
        // One moment of the log: the numbers found are the first k taken, k at least all answered before the backup.
        var found = new List<bool>();
        foreach (var t in answered) found.Add((await phone.Ticket(t.GetProperty("id").GetString()!)).StatusCode == HttpStatusCode.OK);
        var k = found.TakeWhile(f => f).Count();
        Assert.True(k >= before.Length, $"only {k} of the {before.Length} numbers answered before the backup are back");
        Assert.All(found.Skip(k), f => Assert.False(f));
        Assert.Equal(k, (await phone.HallOk()).GetProperty("waitingTotal").GetInt32());
    }

    [Fact]
    public async Task A_quiet_halls_backup_restores_to_the_same_hall_state_accounts_and_all()
    {
        await using var live = new SiloApplication();
        var http = live.Client();
        await http.CreateUserOk("c01", "clerk", "xuanen");
        await http.OpenWindow(1);
        foreach (var category in new[] { "general", "general", "police" }) await http.TakeOk(new { categoryCode = category });
        await http.ActOk(1, "call-next");
        var backup = Temp("backup.db");
        Assert.Equal(0, (await Command("backup", backup, live.DatabasePath)).Code);
        Assert.Equal((UnixFileMode)0b110_000_000, File.GetUnixFileMode(backup));   // hall data, for the service user alone

        var fresh = Temp("queue.db");
        var (code, said) = await Command("restore", backup, fresh);
        Assert.True(code == 0, said);
        await using var restored = new SiloApplication(fresh);
        Assert.Equal(await live.AnonymousClient().HallJson(), await restored.AnonymousClient().HallJson());
        Assert.Equal("c01", (await restored.Client("c01").GetOk("/api/auth/me")).GetProperty("userName").GetString());
    }

    [Fact]
    public async Task Restore_refuses_the_store_of_a_running_silo_and_changes_nothing()
    {
        await using var live = new SiloApplication();
        var http = live.Client();
        await http.TakeOk(new { categoryCode = "general" });
        var backup = Temp("backup.db");
        Assert.Equal(0, (await Command("backup", backup, live.DatabasePath)).Code);
        await http.TakeOk(new { categoryCode = "general" });
        var state = await http.HallJson();

        var (code, said) = await Command("restore", backup, live.DatabasePath);

        Assert.Equal(1, code);
        Assert.Contains("stop the silo first", said);
        Assert.Equal(state, await http.HallJson());
        Assert.Equal("A003", (await http.TakeOk(new { categoryCode = "general" })).GetProperty("number").GetString());
    }

    /// <summary>The built silo's command, from another folder, with the store named as an installer's settings would.</summary>
    static async Task<(int Code, string Output)> Command(string verb, string file, string store)
    {
        var start = new ProcessStartInfo(DotNet.Host) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var arg in new[] { SiloProcess.BuiltSiloDll(), verb, file, $"--Storage:Path={store}" }) start.ArgumentList.Add(arg);
        using var p = Process.Start(start)!;
        var (stdout, stderr) = (p.StandardOutput.ReadToEndAsync(), p.StandardError.ReadToEndAsync());
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout + await stderr);
    }
}
