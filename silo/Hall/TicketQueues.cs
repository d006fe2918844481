namespace Queue.Hall;

/// <summary>A place in a queue: ordered by key (order, slot or a head position), then by arrival order.</summary>
public readonly record struct QueueEntry(long Key, long Order) : IComparable<QueueEntry>
{
    public int CompareTo(QueueEntry other) =>
        Key != other.Key ? Key.CompareTo(other.Key) : Order.CompareTo(other.Order);
}

/// <summary>
/// The waiting tickets of a hall, kept in ordered sets per category and priority class, plus one set per
/// window for tickets transferred to that window by name. Heads are read in O(log n), so the dispatcher's
/// cost does not grow with the number waiting.
/// </summary>
public sealed class TicketQueues
{
    public sealed class Lanes
    {
        /// <summary>What a category nobody has queued in yet reads as; never written to.</summary>
        internal static readonly Lanes None = new();

        public readonly SortedSet<QueueEntry> Green = [];
        public readonly SortedSet<QueueEntry> Appointment = [];
        public readonly SortedSet<QueueEntry> Normal = [];
        /// <summary>Remote tickets not yet checked in (<see cref="Ticket.Away"/>), by order: counted, never called.</summary>
        public readonly SortedSet<QueueEntry> Aside = [];
        public int Waiting { get; internal set; }

        public SortedSet<QueueEntry> For(Priority p) =>
            p switch { Priority.Green => Green, Priority.Appointment => Appointment, _ => Normal };
    }

    private readonly Dictionary<string, Lanes> _categories = [];
    private readonly Dictionary<int, SortedSet<QueueEntry>> _directed = [];

    /// <summary>A category's lanes, for reading: deciding must not change the hall, so nothing is created here.</summary>
    public Lanes Category(string code) => _categories.GetValueOrDefault(code) ?? Lanes.None;

    private Lanes Ensure(string code)
    {
        if (!_categories.TryGetValue(code, out var lanes)) _categories[code] = lanes = new Lanes();
        return lanes;
    }

    public SortedSet<QueueEntry>? Directed(int windowNo) => _directed.GetValueOrDefault(windowNo);

    public int WaitingIn(string category) => _categories.TryGetValue(category, out var l) ? l.Waiting : 0;

    public void Add(Ticket t)
    {
        var lanes = Ensure(t.CategoryCode);
        lanes.Waiting++;
        if (t.DirectedWindow is int w)
        {
            if (!_directed.TryGetValue(w, out var set)) _directed[w] = set = [];
            set.Add(DirectedEntry(t));
        }
        else LaneOf(lanes, t).Add(new QueueEntry(t.QueueKey, t.Order));
    }

    public void Remove(Ticket t)
    {
        var lanes = Ensure(t.CategoryCode);
        lanes.Waiting--;
        if (t.DirectedWindow is int w) _directed[w].Remove(DirectedEntry(t));
        else LaneOf(lanes, t).Remove(new QueueEntry(t.QueueKey, t.Order));
    }

    private static SortedSet<QueueEntry> LaneOf(Lanes lanes, Ticket t) => t.Away ? lanes.Aside : lanes.For(t.Priority);

    public void Clear()
    {
        _categories.Clear();
        _directed.Clear();
    }

    // Green tickets sent to a window go before the others sent there.
    private static QueueEntry DirectedEntry(Ticket t) => new(t.Priority == Priority.Green ? 0 : 1, t.Order);
}
