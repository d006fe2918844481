using Queue.Tests.Support;
using Queue.TicketPrinter.Tests.Support;

namespace Queue.Silo.Tests.Printing;

/// <summary>A socat pty pair with the fake printer on its far end, as the serial printer tests use.</summary>
public sealed class SerialRig : IAsyncDisposable
{
    private readonly FileStream _printerEnd;
    private readonly Task _serving;

    public SerialRig()
    {
        _printerEnd = Pair.OpenDeviceEnd();
        _serving = Printer.ServeAsync(_printerEnd);
    }

    public SocatPair Pair { get; } = SocatPair.Start();
    public FakePrinter Printer { get; } = new(FakeState.Online);

    public async ValueTask DisposeAsync()
    {
        Pair.Dispose(); // killing socat ends the fake printer's blocking read
        await _serving.WaitAsync(TimeSpan.FromSeconds(5));
        await _printerEnd.DisposeAsync();
    }
}
