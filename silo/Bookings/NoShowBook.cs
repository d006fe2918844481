namespace Queue.Silo.Bookings;

/// <summary>What <see cref="NoShowsGrain"/> keeps, as one versioned record: the log's seq it has read to, the appointments
/// that may still become no-shows (by code), and the no-shows recent enough to restrict a phone.</summary>
public sealed class NoShowBook
{
    public long Watermark { get; set; }
    public Dictionary<string, PendingBooking> Pending { get; set; } = [];
    public List<MissedBooking> Missed { get; set; } = [];
}

/// <summary>A booking not yet checked in or cancelled, and when its check-in window closes.</summary>
public sealed record PendingBooking(string PhoneKey, DateTimeOffset Closes);

/// <summary>A no-show of a phone: when the appointment's check-in window closed.</summary>
public sealed record MissedBooking(string PhoneKey, DateTimeOffset Closed);
