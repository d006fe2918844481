namespace Queue.Hall;

public enum TicketStatus { Waiting, Called, Serving, Parked, NoShow, Completed, Cancelled, Expired }

/// <summary>How a ticket is ranked: 绿色通道 first, then 预约, then everyone else.</summary>
public enum Priority { Normal, Green, Appointment }

/// <summary>
/// One number (号) taken by a resident for one or more matters. Mutated only by <see cref="HallState"/>'s Apply;
/// public setters exist for snapshots.
/// </summary>
public sealed class Ticket
{
    public required string Id { get; init; }
    public required string Number { get; init; }
    /// <summary>Arrival order within the day; kept through transfers so fairness follows the resident. Renumbered only
    /// when a ticket still at a window is carried into a new day (never while it waits in a queue).</summary>
    public required long Order { get; set; }
    public required DateTimeOffset IssuedAt { get; init; }
    public required IReadOnlyList<string> MatterIds { get; init; }
    public string? BundleId { get; init; }
    /// <summary>Categories the ticket walks through, e.g. 综合受理 then 出件.</summary>
    public required List<string> Route { get; set; }
    public int Step { get; set; }
    public Priority Priority { get; set; }
    public string? GreenReason { get; set; }
    public string? AppointmentCode { get; init; }
    public DateTimeOffset? SlotStart { get; init; }
    public DateTimeOffset? SlotEnd { get; init; }
    public string? KioskId { get; init; }
    /// <summary>Taken from the phone (线上取号): it keeps its place but waits aside until <see cref="ArrivedAt"/>.</summary>
    public bool Remote { get; init; }
    /// <summary>The code its resident types at the kiosk's 预约签到 to check in (remote tickets only; the holder's alone).</summary>
    public string? ArrivalCode { get; init; }
    public DateTimeOffset? ArrivedAt { get; set; }

    public TicketStatus Status { get; set; }
    /// <summary>Sort key inside its queue: the order, a slot, or a head position after reinstatement.</summary>
    public long QueueKey { get; set; }
    /// <summary>Set while the ticket waits for one named window (a transfer to 出件窗口 5, say).</summary>
    public int? DirectedWindow { get; set; }
    public int? WindowNo { get; set; }
    public DateTimeOffset? CalledAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>The steps finished so far, each with who served it and its 好差评 once given.</summary>
    public List<ServedStep> Served { get; set; } = [];
    public int Recalls { get; set; }
    public bool Reinstated { get; set; }

    public string CategoryCode => Route[Step];
    /// <summary>A remote ticket whose resident has not checked in yet: never called, but counted where it stands.</summary>
    public bool Away => Remote && ArrivedAt is null;
    public bool IsOpen => Status is TicketStatus.Waiting or TicketStatus.Called or TicketStatus.Serving or TicketStatus.Parked;
}

/// <summary>A finished step of a ticket: where and by whom it was served, and its rating (one per step).</summary>
public sealed record ServedStep(int Step, string CategoryCode, int WindowNo, string? ClerkId, DateTimeOffset CompletedAt, int? Grade = null);
