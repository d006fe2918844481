using Queue.Screens.Codecs;

namespace Queue.Screens.Drivers;

/// <summary>
/// RS-485 7-segment counters (<see cref="SevenSegmentCodec"/>): they show the ticket number only;
/// paused shows "----", anything else is dark. Options: <c>counter</c> (address, default 1),
/// <c>digits</c> (default 4), <c>replyMs</c> (default 300). Flash and dim are not available.
/// </summary>
public sealed class SevenSegmentDriver(DeviceBus bus, ScreenConfig config) : IScreenDriver
{
    readonly int _counter = config.Int("counter", 1);
    readonly int _digits = config.Int("digits", 4);
    readonly TimeSpan _reply = TimeSpan.FromMilliseconds(config.Int("replyMs", 300));

    public Task OpenAsync(CancellationToken ct) => bus.OpenAsync(ct);

    public static string DigitsFor(ScreenContent content, int digits) => content.Mode switch
    {
        ScreenMode.Called or ScreenMode.Serving => content.Number ?? "",
        ScreenMode.Paused => new string('-', digits),
        _ => "",
    };

    public Task ShowAsync(ScreenContent content, CancellationToken ct) =>
        bus.ExchangeAsync(SevenSegmentCodec.Show(_counter, DigitsFor(content, _digits), _digits), null, TimeSpan.Zero, ct);

    public Task BlankAsync(CancellationToken ct) =>
        bus.ExchangeAsync(SevenSegmentCodec.Blank(_counter, _digits), null, TimeSpan.Zero, ct);

    /// <summary>Asks for the model string: display commands get no answer, so this is the only sign of life.</summary>
    public async Task<ScreenHealth> CheckAsync(CancellationToken ct)
    {
        try
        {
            var reply = await bus.ExchangeAsync(SevenSegmentCodec.QueryModel(_counter),
                r => Array.IndexOf(r, (byte)'#') >= 0 || Array.IndexOf(r, (byte)'&') >= 0 || Array.IndexOf(r, (byte)'\n') >= 0, _reply, ct);
            return reply.Length > 0 ? ScreenHealth.Ok(DateTimeOffset.UtcNow)
                : ScreenHealth.Failed($"Counter {_counter:000} on {bus.Address} did not answer within {_reply.TotalMilliseconds} ms.", DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            return ScreenHealth.Failed(e.Message, DateTimeOffset.UtcNow);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
