using System.Text.Json.Serialization;
using Queue.Hall;

namespace Queue.Contracts;

// Request bodies, as kiosks, consoles, agents and integrators send them (docs/api.md). Every field is
// nullable so a missing one gets our own bilingual refusal instead of the framework's.

/// <summary>POST /api/halls/{hallId}/tickets.</summary>
public sealed record IssueTicketBody(string? CategoryCode, string[]? MatterIds, string? BundleId, string? AppointmentCode,
    Priority? Priority, string? GreenReason, string? KioskId);
/// <summary>POST /api/halls/{hallId}/tickets/{ticketId}/arrive: the code the hall's kiosk shows at the door.</summary>
public sealed record ArriveBody(string? DoorCode);
/// <summary>POST /api/halls/{hallId}/help.</summary>
public sealed record HelpBody(string? KioskId);
/// <summary>POST /api/halls/{hallId}/windows/{windowNo}/{action}: each action reads the fields it needs.</summary>
public sealed record WindowActionBody(string? ClerkId, string? Number, string? CategoryCode, int? WindowNo, string? Reason);
/// <summary>POST /api/halls/{hallId}/manage/windows/{windowNo}/force-close.</summary>
public sealed record ForceCloseBody(string? Reason);
/// <summary>PUT /api/halls/{hallId}/manage/windows/{windowNo}/categories.</summary>
public sealed record CategoriesBody(string[]? Categories, string[]? Prefers, string? ManagerId);
/// <summary>POST /api/halls/{hallId}/manage/tickets/{ticket}/priority.</summary>
public sealed record PriorityBody(Priority? Priority, string? Reason, string? ManagerId);
/// <summary>POST /api/halls/{hallId}/manage/notice.</summary>
public sealed record NoticeBody(string? Text);
/// <summary>POST /api/halls/{hallId}/manage/appointments. <see cref="Name"/> and <see cref="Phone"/> (a mainland mobile
/// number) are optional: the resident's, stored encrypted and shown only masked.</summary>
public sealed record AppointmentBody(string? CategoryCode, string[]? MatterIds, DateTimeOffset? SlotStart, DateTimeOffset? SlotEnd,
    string? Name = null, string? Phone = null);
/// <summary>A booked appointment, to the hall's managers: the resident's name and phone only masked (张*, 138****1234),
/// and absent when not given or no longer kept.</summary>
public sealed record AppointmentView(string Code, DateTimeOffset SlotStart, DateTimeOffset SlotEnd,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone = null);
/// <summary>POST /api/halls/{hallId}/displays/heartbeat.</summary>
public sealed record HeartbeatBody(string? AgentId, ScreenHealth[]? Screens);
/// <summary>POST /api/halls/{hallId}/tickets/{ticketId}/print.</summary>
public sealed record ReprintBody(string? KioskId);
/// <summary>POST /api/halls/{hallId}/print-jobs/{jobId}/result.</summary>
public sealed record PrintResultBody(bool? Printed, string? Condition, string? Message);
/// <summary>POST /api/halls/{hallId}/printers/{kioskId}/status.</summary>
public sealed record PrinterStatusBody(string? Condition, string? Message);
/// <summary>The answer to a posted notice.</summary>
public sealed record NoticeTextView(string Text);
/// <summary>The answer to 呼叫帮办.</summary>
public sealed record HelpView(string Message, string KioskId);
/// <summary>GET /healthz: "ok", or "store-failing" (503) while the event log cannot be written, with since when and why.</summary>
public sealed record HealthView(string Status, int Halls)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? FailingSince { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? Zh { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? En { get; init; }
}
