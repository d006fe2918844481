using Queue.Printing;

namespace Queue.Contracts;

/// <summary>The ticket answer's "print" field: enough for the kiosk to say what happens and to poll the job.</summary>
public sealed record PrintView(string JobId, string Status, string Message);

/// <summary>GET /api/halls/{hallId}/print-jobs/{jobId}.</summary>
public sealed record PrintJobView(string JobId, string TicketNumber, string KioskId, string Status, string Message, string MessageEn, DateTimeOffset At);

/// <summary>The hub's PrintTicket message to a kiosk's print agent: paper-independent, the agent knows its paper.</summary>
public sealed record PrintTicketView(string JobId, string KioskId, TicketPrint Ticket);
