namespace Queue.Silo.Bookings;

/// <summary>
/// A hall's 爽约 record across days (keyed by hall id): the no-shows per phone key, from the hall's log. Before it answers
/// it reads the log to its end and has the hall record every appointment whose check-in window has closed, so what it says
/// is what the log says whenever it is asked.
/// </summary>
public interface INoShowsGrain : IGrainWithStringKey
{
    /// <summary>Until when the phone of this key may not book; null when it may.</summary>
    Task<DateTimeOffset?> RestrictedUntil(string phoneKey);

    /// <summary>Records the no-shows now due and reads them: the outbox calls it before reading the log.</summary>
    Task CatchUp();
}
