namespace Queue.Hall;

/// <summary>Unprocessable: well formed but cannot be honoured as sent (an idempotency key reused for another request).
/// Unavailable: the command could not be made durable (a failing disk); nothing was acknowledged, retry later.
/// Forbidden: the actor may not do this here (a clerk at another clerk's window). Unauthorized: a wrong password;
/// Locked: an account locked after too many.</summary>
public enum RefusalKind { Invalid, NotFound, Conflict, Unavailable, Unprocessable, Forbidden, Unauthorized, Locked }

/// <summary>Why a command was refused, in Chinese for the hall and English for integrators. A value, not an exception.</summary>
public sealed record Refusal(string Code, string Zh, string En, RefusalKind Kind = RefusalKind.Conflict)
{
    public static Refusal NotFound(string code, string zh, string en) => new(code, zh, en, RefusalKind.NotFound);
    public static Refusal Invalid(string code, string zh, string en) => new(code, zh, en, RefusalKind.Invalid);

    public static Refusal StorageUnavailable() => new("storage-unavailable", "系统存储暂时不可用，请稍后重试（已取的号不会丢失）",
        "The event store is unavailable; nothing was changed, please retry (acknowledged tickets are safe).", RefusalKind.Unavailable);

    public static Refusal KeyReused(string usedFor) => new("idempotency-key-reused",
        "该 Idempotency-Key 已用于另一个请求；新的操作请换一个新的 Key（重试时才沿用原 Key）",
        $"The Idempotency-Key was already used for a different request ({usedFor}); send a new key for a new action and reuse a key only to retry.",
        RefusalKind.Unprocessable);

    public static Refusal NotYourWindow(int no, string clerk) => new("not-your-window",
        $"{no} 号窗口由 {clerk} 登录，只有该工作人员或大厅管理员才能在此操作",
        $"Window {no} is signed in by {clerk}; only that clerk or a hall manager acts there.", RefusalKind.Forbidden);

    public static Refusal UnknownWindow(int no) => NotFound("window-not-found", $"没有 {no} 号窗口", $"Window {no} does not exist.");
    public static Refusal UnknownCategory(string code) => NotFound("category-not-found", $"没有服务类别“{code}”", $"Category '{code}' does not exist.");
    public static Refusal UnknownTicket(string r) => NotFound("ticket-not-found", $"找不到号票 {r}（号码每日清零）", $"Ticket '{r}' was not found (numbers reset daily).");
    public static Refusal UnknownAppointment(string code) => NotFound("appointment-not-found", $"预约码 {code} 不存在", $"Appointment code '{code}' was not found.");
    public static Refusal WindowClosed(int no) => new("window-closed", $"{no} 号窗口未开放", $"Window {no} is closed.");
    public static Refusal WindowPaused(int no) => new("window-paused", $"{no} 号窗口已暂停服务", $"Window {no} is paused.");
    public static Refusal NoCurrentTicket(int no) => new("no-current-ticket", $"{no} 号窗口当前没有号", $"Window {no} has no current ticket.");
    public static Refusal WindowBusy(int no, string number) =>
        new("window-busy", $"{no} 号窗口正在处理 {number}，请先办结、过号或转移", $"Window {no} is still handling {number}; complete, skip or transfer it first.");
    public static Refusal TicketState(string number, TicketStatus status, string actionZh, string actionEn) =>
        new("ticket-state", $"{number} 当前状态为{StatusZh(status)}，不能{actionZh}", $"Ticket {number} {StatusEn(status)}; it cannot be {actionEn}.");

    /// <summary>Outside opening hours; in the 午休 of a hall that closes over lunch, that and when it opens again.</summary>
    public static Refusal HallClosed(OpeningHours h, bool lunch) => lunch
        ? new("hall-closed", $"现在是午休时间（{h.LunchStart:HH\\:mm}–{h.LunchEnd:HH\\:mm}），{h.LunchEnd:HH\\:mm} 起办理",
            $"The hall is closed for lunch ({h.LunchStart:HH\\:mm}-{h.LunchEnd:HH\\:mm}); service resumes at {h.LunchEnd:HH\\:mm}.")
        : new("hall-closed", $"现在不是办事时间（{h.Open:HH\\:mm}–{h.Close:HH\\:mm}）",
            $"The hall is not open now (hours {h.Open:HH\\:mm}-{h.Close:HH\\:mm}).");

    /// <summary>限号: the category has given every number the hall allows it today.</summary>
    public static Refusal SoldOut(Category c) => new("sold-out-today", "今日号已取完",
        $"All {c.DailyLimit} numbers of category '{c.Code}' for today have been taken; please come back on the next working day.");

    public static string StatusZh(TicketStatus s) => s switch
    {
        TicketStatus.Waiting => "等候中",
        TicketStatus.Called => "已叫号",
        TicketStatus.Serving => "办理中",
        TicketStatus.Parked => "挂起",
        TicketStatus.NoShow => "过号",
        TicketStatus.Completed => "已办结",
        TicketStatus.Cancelled => "已取消",
        _ => "已过期",
    };

    /// <summary>The state in words, as an English sentence goes on: "Ticket B001 is waiting in the queue".</summary>
    public static string StatusEn(TicketStatus s) => s switch
    {
        TicketStatus.Waiting => "is waiting in the queue",
        TicketStatus.Called => "has been called to a window",
        TicketStatus.Serving => "is being served at a window",
        TicketStatus.Parked => "is on hold at a window",
        TicketStatus.NoShow => "was skipped as a no-show",
        TicketStatus.Completed => "is already finished",
        TicketStatus.Cancelled => "was cancelled",
        _ => "has expired",
    };
}
