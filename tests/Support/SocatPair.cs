using System.Diagnostics;

namespace Queue.Tests.Support;

/// <summary>
/// Two linked pseudo terminals from socat (HARDWARE.md §2.4): what one end writes the other reads, like a
/// null-modem cable. Started per test and killed by its own PID on dispose.
/// </summary>
public sealed class SocatPair : IDisposable
{
    private readonly Process _process;
    private readonly DirectoryInfo _dir;

    private SocatPair(Process process, DirectoryInfo dir) => (_process, _dir) = (process, dir);

    /// <summary>The end our SerialLink opens.</summary>
    public string HostEnd => Path.Combine(_dir.FullName, "a");
    /// <summary>The end the fake device (printer, LED panel) sits on.</summary>
    public string DeviceEnd => Path.Combine(_dir.FullName, "b");

    /// <summary>Our device address for the host end.</summary>
    public string Address(int baud = 9600) => $"serial://{HostEnd}?baud={baud}";

    public static SocatPair Start()
    {
        var socat = Find("socat") ?? throw new InvalidOperationException(
            "socat is not installed; the serial tests need it (Debian: apt-get install -y socat).");
        var dir = Directory.CreateTempSubdirectory("queue-socat-");
        var start = new ProcessStartInfo(socat) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-d", "-d", $"pty,raw,echo=0,link={dir.FullName}/a", $"pty,raw,echo=0,link={dir.FullName}/b" })
            start.ArgumentList.Add(argument);
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        process.ErrorDataReceived += (_, e) => { if (e.Data?.Contains("starting data transfer loop") == true) ready.TrySetResult(); };
        process.BeginErrorReadLine();
        var pair = new SocatPair(process, dir);
        if (!ready.Task.Wait(TimeSpan.FromSeconds(5)) || !File.Exists(pair.HostEnd) || !File.Exists(pair.DeviceEnd))
        {
            pair.Dispose();
            throw new InvalidOperationException("socat did not create the pty pair within 5 s.");
        }
        return pair;
    }

    /// <summary>Opens the device end as a plain blocking file (socat already made it raw).</summary>
    public FileStream OpenDeviceEnd() =>
        new(DeviceEnd, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);

    /// <summary>Puts both ends into the terminal's default cooked mode (stty sane), undoing socat's raw.</summary>
    public void MakeCooked()
    {
        foreach (var end in new[] { HostEnd, DeviceEnd })
        {
            var stty = Process.Start(new ProcessStartInfo(Find("stty") ?? throw new InvalidOperationException("stty (coreutils) is missing."))
            {
                ArgumentList = { "-F", end, "sane" },
                RedirectStandardError = true,
            })!;
            stty.WaitForExit();
            if (stty.ExitCode != 0) throw new InvalidOperationException($"stty -F {end} sane failed: {stty.StandardError.ReadToEnd()}");
        }
    }

    /// <summary>
    /// What the kernel applied to one end, read by <c>stty -a</c> while our link holds it (root passes the
    /// TIOCEXCL that System.IO.Ports sets; the tests run as root, as CI does).
    /// </summary>
    public (string Text, HashSet<string> Flags) Settings(string end)
    {
        var stty = Process.Start(new ProcessStartInfo(Find("stty") ?? throw new InvalidOperationException("stty (coreutils) is missing."))
        {
            ArgumentList = { "-F", end, "-a" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var text = stty.StandardOutput.ReadToEnd();
        stty.WaitForExit();
        if (stty.ExitCode != 0) throw new InvalidOperationException($"stty -F {end} -a failed: {stty.StandardError.ReadToEnd()}");
        return (text, text.Split([' ', '\n', ';'], StringSplitOptions.RemoveEmptyEntries).ToHashSet());
    }

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(2000);
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        try { _dir.Delete(recursive: true); } catch (IOException) { }
    }
}
