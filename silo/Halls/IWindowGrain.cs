using Orleans.Concurrency;

namespace Queue.Silo.Halls;

/// <summary>
/// One window's own timers (key: "{hallId}/{windowNo}"): how long its called resident has not come. The hall
/// grain decides who is called; this grain only reminds the clerk, so it never holds queue state.
/// </summary>
public interface IWindowGrain : IGrainWithStringKey
{
    static string Key(string hallId, int windowNo) => $"{hallId}/{windowNo}";

    /// <summary>A ticket was called (or recalled) at this window.</summary>
    [OneWay] Task Called(string ticketNumber, DateTimeOffset at, bool isRecall);

    /// <summary>The call of this ticket is over (came, skipped, parked, transferred, cancelled); null: the window closed.</summary>
    [OneWay] Task Answered(string? ticketNumber);

    /// <summary>Its own timer came due ("recall" or "no-show"); a reminder for a call that is over is dropped.</summary>
    [OneWay] Task Remind(string kind, string ticketNumber);
}
