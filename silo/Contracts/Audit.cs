namespace Queue.Contracts;

/// <summary>
/// One line of GET /api/halls/{hallId}/manage/audit (操作日志), newest first. <see cref="By"/> is "user:{name}",
/// "device:{id}", "resident", or null for what the hall did by itself (a new day, an auto-call). <see cref="Seq"/> is the
/// event's place in the hall's log; null for a device paired or revoked (<see cref="Kind"/> "DevicePaired",
/// "DeviceRevoked"), which is not a hall event. A ticket is named by its number, never by its secret id.
/// </summary>
public sealed record AuditEntryView(long? Seq, DateTimeOffset At, string Kind, string? By, string? Why, string? TicketNumber, int? WindowNo, string Summary);
