namespace Queue.Hall;

/// <summary>线上取号: a resident may take a number from the phone while the hall is open and a category's estimated wait is at
/// least <see cref="MinWaitMinutes"/> (a short queue is for walking in, not for holding a place from home). The ticket
/// queues at once but is called only after its resident checks in at the hall (see <see cref="Dispatcher"/>).</summary>
public sealed record RemoteTaking
{
    public int MinWaitMinutes { get; init; } = 20;
}
