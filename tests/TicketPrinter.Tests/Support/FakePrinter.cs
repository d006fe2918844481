namespace Queue.TicketPrinter.Tests.Support;

public enum FakeState { Online, PaperNearEnd, PaperOut, CoverOpen, Silent }

/// <summary>
/// The far end of a link acting as a printer: records every byte and answers DLE EOT n the way an
/// Epson-layout printer does (HARDWARE.md §1.6), or not at all when <see cref="FakeState.Silent"/>.
/// </summary>
public sealed class FakePrinter
{
    private readonly object _gate = new();
    private readonly List<byte> _received = [];
    private int _matched; // how much of "10 04" we have seen

    public FakePrinter(FakeState state) => State = state;

    public FakeState State { get; set; }

    /// <summary>How many of the next status queries go unanswered, whatever the state (a reply lost on the line).</summary>
    public int QueriesToIgnore { get; set; }

    /// <summary>When set, the state switches to this after the first cut command arrives (paper ran out mid-job).</summary>
    public FakeState? StateAfterCut { get; set; }

    public byte[] Received { get { lock (_gate) return _received.ToArray(); } }

    public static byte? Reply(FakeState state, int n) => (state, n) switch
    {
        (FakeState.Silent, _) => null,
        (FakeState.PaperOut, 1) or (FakeState.CoverOpen, 1) => 0x1A,   // 08 off-line
        (FakeState.PaperOut, 2) => 0x32,                                // 20 stopped by paper end
        (FakeState.PaperOut, 4) => 0x72,                                // 60 paper end
        (FakeState.CoverOpen, 2) => 0x16,                               // 04 cover open
        (FakeState.PaperNearEnd, 4) => 0x1E,                            // 0C near end
        _ => 0x12,                                                      // fixed bits only: all fine
    };

    /// <summary>Serves one stream until it ends; blocking reads on a dedicated thread.</summary>
    public Task ServeAsync(Stream stream) => Task.Factory.StartNew(() =>
    {
        var buffer = new byte[4096];
        try
        {
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                for (int i = 0; i < n; i++)
                    if (Take(buffer[i]) is { } reply) { stream.Write([reply]); stream.Flush(); }
        }
        catch (IOException) { } // the other end went away: the test is over
        catch (ObjectDisposedException) { }
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private byte? Take(byte b)
    {
        lock (_gate)
        {
            _received.Add(b);
            int count = _received.Count;
            if (StateAfterCut is { } next && count >= 4 && _received[count - 4] == 0x1D && _received[count - 3] == 0x56)
                (State, StateAfterCut) = (next, null);
            switch (_matched)
            {
                case 0: _matched = b == 0x10 ? 1 : 0; return null;
                case 1: _matched = b == 0x04 ? 2 : b == 0x10 ? 1 : 0; return null;
                default:
                    _matched = 0;
                    if (b is not (>= 1 and <= 4)) return null;
                    if (QueriesToIgnore > 0) { QueriesToIgnore--; return null; }
                    return Reply(State, b);
            }
        }
    }
}
