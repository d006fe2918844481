using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using Queue.Screens;
using Queue.Screens.Codecs;
using Queue.Devices;
using Queue.Tests.Support;

namespace Queue.Displays.Tests.Panels;

/// <summary>What a fake panel shows after decoding the frames it got.</summary>
public sealed record PanelState(string Text, bool Flash = false, bool Dim = false);

/// <summary>
/// The far end of a serial line: one or more panels of one protocol (an RS-485 bus) that decode
/// every frame, keep what each address shows and answer like the real device, unless told to
/// keep quiet.
/// </summary>
public sealed class FakePanels : IAsyncDisposable
{
    readonly IDeviceLink _link;
    readonly string _protocol;
    readonly CancellationTokenSource _stop = new();
    readonly Task _loop;
    readonly List<byte> _input = [];

    public ConcurrentDictionary<int, PanelState> Shown { get; } = new();
    /// <summary>Addresses that ignore everything (a panel with its power cut).</summary>
    public ConcurrentDictionary<int, bool> Silent { get; } = new();
    public int Frames;
    public int BadFrames;

    FakePanels(IDeviceLink link, string protocol)
    {
        (_link, _protocol) = (link, protocol);
        _loop = Task.Run(RunAsync);
    }

    public static async Task<FakePanels> StartAsync(string protocol, string devicePath)
    {
        // Warm the decoders: a real panel answers in milliseconds, a cold JIT does not.
        GenericLineCodec.TryDecode(GenericLineCodec.Text(1, "暖", true, 9), out _, out _);
        OnbonCodec.TryDecode(OnbonCodec.Encode(OnbonCommands.Ping(1)), out _, out _, out _);
        return new(await DeviceLinks.OpenAsync(DeviceAddress.Parse($"serial://{devicePath}?baud=9600"), TimeSpan.FromSeconds(2), CancellationToken.None), protocol);
    }

    public string Text(int address) => Shown.TryGetValue(address, out var s) ? s.Text : "(nothing)";

    public async Task WaitFor(int address, Func<PanelState, bool> condition, TimeSpan timeout, string what) =>
        await Wait.Until(() => Shown.TryGetValue(address, out var s) && condition(s), timeout,
            $"panel {address} to show {what}", () => $"it shows '{Text(address)}'");

    async Task RunAsync()
    {
        var buffer = new byte[512];
        while (!_stop.IsCancellationRequested)
        {
            int n;
            try { n = await _link.ReadAsync(buffer, TimeSpan.FromMilliseconds(200), _stop.Token); }
            catch (Exception) when (_stop.IsCancellationRequested) { return; }
            if (n == 0) continue;
            _input.AddRange(buffer.AsSpan(0, n));
            await DrainAsync();
        }
    }

    async Task DrainAsync()
    {
        while (_input.Count > 0)
        {
            var bytes = _input.ToArray();
            var (done, consumed, reply) = _protocol switch
            {
                "generic-line" => Line(bytes),
                "onbon-bx5k" => Onbon(bytes),
                "seven-segment" => Counter(bytes),
                _ => throw new ArgumentException(_protocol),
            };
            _input.RemoveRange(0, consumed);
            if (reply is not null) await _link.WriteAsync(reply, _stop.Token);
            if (!done && consumed == 0) return; // wait for more bytes
        }
    }

    (bool, int, byte[]?) Line(byte[] bytes)
    {
        if (!GenericLineCodec.TryDecode(bytes, out var f, out int used)) { if (used > 0) BadFrames++; return (false, used, null); }
        Interlocked.Increment(ref Frames);
        if (Silent.ContainsKey(f!.Address)) return (true, used, null);
        if (f.Command == LineCommand.Text) Shown[f.Address] = new PanelState(f.Text, f.Flash, f.Brightness < 5);
        if (f.Command == LineCommand.Clear) Shown[f.Address] = new PanelState("");
        return (true, used, [GenericLineCodec.Ack]);
    }

    (bool, int, byte[]?) Onbon(byte[] bytes)
    {
        if (!OnbonCodec.TryDecode(bytes, out var f, out int used, out var error))
        {
            if (error is not null) BadFrames++;
            return (false, used, null);
        }
        Interlocked.Increment(ref Frames);
        if (Silent.ContainsKey(f!.Destination)) return (true, used, null);
        if ((f.CommandGroup, f.Command) == (0xA3, 0x06))
        {
            // data: A3 06 01 mode 00 | delete 00 | count 01 | area length (2) | area; the text length sits 23 bytes into the area.
            var area = f.Data.AsSpan(9);
            int length = BinaryPrimitives.ReadInt32LittleEndian(area[23..]);
            Shown[f.Destination] = new PanelState(PanelText.FromGb2312(area.Slice(27, length)), Flash: area[19] != 1);
        }
        if ((f.CommandGroup, f.Command) == (0xA3, 0x10)) Shown[f.Destination] = new PanelState("");
        var answer = new OnbonFrame(f.Source, f.Destination, f.DeviceType, f.Version, [f.CommandGroup, f.Command, 0x00, 0x00, 0x00]);
        return (true, used, OnbonCodec.Encode(answer));
    }

    (bool, int, byte[]?) Counter(byte[] bytes)
    {
        if (!SevenSegmentCodec.TryDecode(bytes, out var f, out int used)) return (false, used, null);
        Interlocked.Increment(ref Frames);
        if (Silent.ContainsKey(f.Address)) return (true, used, null);
        if (f.IsQuery) return (true, used, Encoding.ASCII.GetBytes($"${f.Address:000},LED-485-04#"));
        Shown[f.Address] = new PanelState(f.Body.Trim());
        return (true, used, null);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _loop; } catch (OperationCanceledException) { }
        await _link.DisposeAsync();
    }
}
