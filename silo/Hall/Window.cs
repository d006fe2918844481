namespace Queue.Hall;

public enum WindowState { Closed, Open, Paused }

/// <summary>A window's live state. Mutated only by <see cref="HallState"/>'s Apply.</summary>
public sealed class Window
{
    public required int No { get; init; }
    public required string Name { get; init; }
    public required WindowKind Kind { get; init; }
    public List<string> Categories { get; set; } = [];
    public List<string> Prefers { get; set; } = [];
    public WindowState State { get; set; }
    public string? ClerkId { get; set; }
    public DateTimeOffset? StateSince { get; set; }
    /// <summary>The ticket called to or served at this window, if any.</summary>
    public string? CurrentTicketId { get; set; }
    /// <summary>Tickets parked here (挂起), in arrival order; kept here so screens need not scan the day's tickets.</summary>
    public List<string> Parked { get; } = [];
    /// <summary>Green tickets called here since the window last called from a normal lane: the green-channel bound's count.</summary>
    public int GreenCalls { get; set; }
    /// <summary>Appointments called since this window last called from a normal lane (the appointment bound).</summary>
    public int AppointmentCalls { get; set; }
    public int ServedToday { get; set; }
    public double ServiceSecondsToday { get; set; }

    public bool CanServe(string category) => Categories.Contains(category);
    public bool IsPreferred(string category) => Prefers.Contains(category);
    public bool IsIdle => State == WindowState.Open && CurrentTicketId is null;
}
