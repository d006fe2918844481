using System.Diagnostics;

namespace Queue.Displays.Tests.Panels;

/// <summary>A socat pty pair standing in for a serial line: the driver opens one end, a fake panel the other.</summary>
public sealed class SocatPair : IDisposable
{
    readonly Process _socat;
    readonly string _dir;
    readonly List<Microsoft.Win32.SafeHandles.SafeFileHandle> _holders = [];

    public string DriverEnd => Path.Combine(_dir, "driver");
    public string PanelEnd => Path.Combine(_dir, "panel");

    SocatPair(Process socat, string dir) => (_socat, _dir) = (socat, dir);

    public static SocatPair Start()
    {
        var dir = Directory.CreateTempSubdirectory("queue-pty-").FullName;
        var start = new ProcessStartInfo("socat") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { $"pty,raw,echo=0,link={Path.Combine(dir, "driver")}", $"pty,raw,echo=0,link={Path.Combine(dir, "panel")}" })
            start.ArgumentList.Add(arg);
        var socat = Process.Start(start) ?? throw new InvalidOperationException("socat did not start (apt-get install -y socat).");
        var pair = new SocatPair(socat, dir);
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!(File.Exists(pair.DriverEnd) && File.Exists(pair.PanelEnd)))
        {
            if (DateTime.UtcNow > deadline || socat.HasExited) { pair.Dispose(); throw new TimeoutException("socat made no pty pair."); }
            Thread.Sleep(20);
        }
        // While no one has a pty's slave open, socat's reads of its master fail (EIO) and it stalls
        // the line for seconds; an idle handle on each end (never read) keeps both sides live.
        foreach (var end in new[] { pair.DriverEnd, pair.PanelEnd })
            pair._holders.Add(File.OpenHandle(end, FileMode.Open, FileAccess.ReadWrite));
        return pair;
    }

    public string Address(int baud = 9600) => $"serial://{DriverEnd}?baud={baud}";

    public void Dispose()
    {
        foreach (var holder in _holders) holder.Dispose();
        if (!_socat.HasExited) { _socat.Kill(); _socat.WaitForExit(2000); }
        _socat.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
