using Queue.Screens.Codecs;

namespace Queue.Screens.Drivers;

/// <summary>
/// Cheap serial LED bars speaking <see cref="GenericLineCodec"/>. Options: <c>panel</c> (address
/// 0–99, default 1), <c>ack</c> (panel answers 06, default true), <c>brightness</c> (0–9, default 9),
/// <c>dimBrightness</c> (default 2), <c>replyMs</c> (default 300).
/// </summary>
public sealed class GenericLineDriver(DeviceBus bus, ScreenConfig config) : IScreenDriver
{
    readonly int _panel = config.Int("panel", 1);
    readonly bool _ack = config.Bool("ack", true);
    readonly int _bright = config.Int("brightness", 9), _dim = config.Int("dimBrightness", 2);
    readonly TimeSpan _reply = TimeSpan.FromMilliseconds(config.Int("replyMs", 300));

    public Task OpenAsync(CancellationToken ct) => bus.OpenAsync(ct);

    public Task ShowAsync(ScreenContent content, CancellationToken ct) => content.Mode == ScreenMode.Blank
        ? BlankAsync(ct)
        : SendAsync(GenericLineCodec.Text(_panel, content.Text, content.Flash, content.Dim ? _dim : _bright), _ack, ct);

    public Task BlankAsync(CancellationToken ct) => SendAsync(GenericLineCodec.Clear(_panel), _ack, ct);

    public async Task<ScreenHealth> CheckAsync(CancellationToken ct)
    {
        try
        {
            await SendAsync(GenericLineCodec.Query(_panel), expectAck: true, ct);
            return ScreenHealth.Ok(DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is IOException or TimeoutException or UnauthorizedAccessException)
        {
            return ScreenHealth.Failed(e.Message, DateTimeOffset.UtcNow);
        }
    }

    async Task SendAsync(byte[] frame, bool expectAck, CancellationToken ct)
    {
        var reply = await bus.ExchangeAsync(frame, expectAck ? r => r.Length > 0 : null, _reply, ct);
        if (!expectAck) return;
        if (reply.Length == 0)
            throw new TimeoutException($"Line panel {_panel} on {bus.Address} did not answer within {_reply.TotalMilliseconds} ms.");
        if (reply[0] != GenericLineCodec.Ack)
            throw new IOException($"Line panel {_panel} on {bus.Address} refused the frame (answer {reply[0]:X2}).");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask; // the bus belongs to all its screens
}
