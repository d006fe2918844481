using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Halls;
using Queue.Silo.Storage;

namespace Queue.Silo.Bookings;

/// <summary>
/// A projection of the hall's log, like the 差评 cases: it reads the bookings, cancels, check-ins and no-shows after its
/// watermark. The no-show itself is decided by the hall (<see cref="RecordNoShows"/>), in its turn, so an appointment is
/// never both checked in and missed; this grain only asks for that when one of its pending bookings' windows has closed.
/// </summary>
public sealed class NoShowsGrain([PersistentState("no-shows", StoredGrainState.Name)] IPersistentState<NoShowBook> book,
    HallCatalog catalog, IEventStore store, IGrainFactory grains, TimeProvider clock) : Grain, INoShowsGrain
{
    private const int Page = 500;
    private const long StoreWatermarkEvery = 500;
    /// <summary>Every booking asks; reading the log once in this long is enough, since nothing booked since then can be
    /// missed yet (booking closes before the slot, the window after it).</summary>
    private static readonly TimeSpan ReadEvery = TimeSpan.FromSeconds(2);

    private HallConfig _hall = null!;
    private DateTimeOffset _read = DateTimeOffset.MinValue;
    private NoShowBook Book => book.State;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        _hall = catalog.Find(this.GetPrimaryKeyString()) ?? throw new InvalidOperationException($"Hall '{this.GetPrimaryKeyString()}' is not in the catalog.");
        return Task.CompletedTask;
    }

    public async Task<DateTimeOffset?> RestrictedUntil(string phoneKey)
    {
        var now = clock.GetUtcNow();
        if (now - _read >= ReadEvery || Book.Pending.Values.Any(p => p.Closes < now)) await CatchUp();
        return NoShows.RestrictedUntil(Book.Missed.Where(m => m.PhoneKey == phoneKey).Select(m => m.Closed), _hall.Booking, now);
    }

    public async Task CatchUp()
    {
        var (stored, missed) = (Book.Watermark, Book.Missed.Count);
        var now = clock.GetUtcNow();
        await Read();
        // A refused or failed RecordNoShows (a failing store) is asked again next time: the bookings stay pending.
        if (Book.Pending.Values.Any(p => p.Closes < now) && (await grains.GetGrain<IHallGrain>(_hall.Id).Run(new RecordNoShows())).Refusal is null)
        {
            await Read();
            // What the hall did not record it no longer holds (dropped before no-shows were kept): not one to count.
            foreach (var code in Book.Pending.Where(p => p.Value.Closes < now).Select(p => p.Key).ToList()) Book.Pending.Remove(code);
        }
        var kept = now - TimeSpan.FromDays(_hall.Booking.NoShowDays + _hall.Booking.RestrictDays);
        var forgotten = Book.Missed.RemoveAll(m => m.Closed < kept);
        _read = now;
        if (Book.Missed.Count != missed || forgotten > 0 || Book.Watermark - stored >= StoreWatermarkEvery) await book.Store(this);
    }

    private async Task Read()
    {
        await foreach (var e in store.After(_hall.Id, Book.Watermark, Page))
        {
            Fold(e.Event);
            Book.Watermark = e.Seq;
        }
    }

    private void Fold(HallEvent e)
    {
        switch (e)
        {
            case AppointmentBooked { PhoneKey: { } key } b: Book.Pending[b.Code] = new(key, NoShows.WindowCloses(b.SlotStart, _hall.Booking)); break;
            case AppointmentCancelled c: Book.Pending.Remove(c.Code); break;
            // On time only: a late arrival's normal ticket leaves the booking to be recorded as missed.
            case TicketIssued { AppointmentCode: { } code, SlotStart: not null }: Book.Pending.Remove(code); break;
            case AppointmentMissed m:
                Book.Pending.Remove(m.Code);
                if (m.PhoneKey is { } phone) Book.Missed.Add(new(phone, NoShows.WindowCloses(m.SlotStart, _hall.Booking)));
                break;
        }
    }
}
