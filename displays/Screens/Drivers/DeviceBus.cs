using System.Collections.Concurrent;
using Queue.Devices;

namespace Queue.Screens.Drivers;

/// <summary>
/// One physical link (a serial port, often an RS-485 bus with several screens, or a TCP
/// controller) shared by every screen on it: one request/reply at a time, a short gap between
/// frames, and the link reopened on the next use after it broke (USB adapter unplugged, card rebooted).
/// </summary>
public sealed class DeviceBus(DeviceAddress address, Func<DeviceAddress, TimeSpan, CancellationToken, Task<IDeviceLink>>? open = null)
    : IAsyncDisposable
{
    readonly SemaphoreSlim _turn = new(1, 1);
    readonly Func<DeviceAddress, TimeSpan, CancellationToken, Task<IDeviceLink>> _open = open ?? DeviceLinks.OpenAsync;
    IDeviceLink? _link;

    public DeviceAddress Address { get; } = address;
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(3);
    /// <summary>Quiet time after each exchange so the next panel on the bus sees a clean frame start.</summary>
    public TimeSpan Gap { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Opens the link now (so a missing port shows up as unhealthy at start).</summary>
    public async Task OpenAsync(CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try { await LinkAsync(ct); }
        finally { _turn.Release(); }
    }

    /// <summary>
    /// Writes <paramref name="request"/>; when <paramref name="isComplete"/> is given, reads until it
    /// says the reply is whole or <paramref name="replyTimeout"/> passes, and returns what came (empty: silence).
    /// </summary>
    public async Task<byte[]> ExchangeAsync(byte[] request, Func<byte[], bool>? isComplete, TimeSpan replyTimeout, CancellationToken ct)
    {
        await _turn.WaitAsync(ct);
        try
        {
            var link = await LinkAsync(ct);
            await link.DiscardInputAsync(ct); // a late reply to an earlier, timed-out request
            await link.WriteAsync(request, ct);
            if (isComplete is null) return [];
            var reply = new List<byte>();
            var buffer = new byte[256];
            var deadline = DateTime.UtcNow + replyTimeout;
            while (DateTime.UtcNow < deadline)
            {
                int n = await link.ReadAsync(buffer, deadline - DateTime.UtcNow, ct);
                if (n == 0) break;
                reply.AddRange(buffer.AsSpan(0, n));
                if (isComplete([.. reply])) break;
            }
            return [.. reply];
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            await DropLinkAsync();
            throw;
        }
        finally
        {
            if (Gap > TimeSpan.Zero) await Task.Delay(Gap, CancellationToken.None);
            _turn.Release();
        }
    }

    async Task<IDeviceLink> LinkAsync(CancellationToken ct) => _link ??= await _open(Address, ConnectTimeout, ct);

    async Task DropLinkAsync()
    {
        var link = Interlocked.Exchange(ref _link, null);
        if (link is not null) await link.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _turn.WaitAsync();
        try { await DropLinkAsync(); }
        finally { _turn.Release(); }
    }
}

/// <summary>The buses of one agent, one per device (serial path or TCP endpoint).</summary>
public sealed class DeviceBuses : IAsyncDisposable
{
    readonly ConcurrentDictionary<string, DeviceBus> _buses = new();

    public DeviceBus For(DeviceAddress address)
    {
        string key = address.Kind == DeviceKind.Tcp ? $"tcp://{address.Host}:{address.Port}" : address.Path;
        var bus = _buses.GetOrAdd(key, _ => new DeviceBus(address));
        if (bus.Address != address)
            throw new ArgumentException($"{address} and {bus.Address} name the same device with different settings.");
        return bus;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var bus in _buses.Values) await bus.DisposeAsync();
        _buses.Clear();
    }
}
