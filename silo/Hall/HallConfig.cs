using System.Collections.Frozen;

namespace Queue.Hall;

/// <summary>A hall's fixed configuration (大厅配置), read from a file in seeds/.</summary>
public sealed record HallConfig
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string TimeZone { get; init; } = "Asia/Shanghai";
    public OpeningHours Hours { get; init; } = new();
    /// <summary>Call a new ticket at once when an eligible window is idle.</summary>
    public bool AutoCall { get; init; }
    /// <summary>A called resident not yet at the window after this long: the clerk is reminded to recall (重呼).</summary>
    public int RecallReminderSeconds { get; init; } = 60;
    /// <summary>After this long since the first call, the clerk is offered 过号 (no-show) for the ticket.</summary>
    public int NoShowOfferSeconds { get; init; } = 180;
    /// <summary>The green-channel bound: a window calls at most this many green tickets in a row while a normal ticket it
    /// serves waits past its target (see <see cref="Dispatcher"/>).</summary>
    public int GreenCallsInARow { get; init; } = 3;
    /// <summary>The appointment bound: a window calls at most this many appointments in a row while a walk-in it serves waits
    /// past its target (see <see cref="Dispatcher"/>).</summary>
    public int AppointmentCallsInARow { get; init; } = 2;
    public required IReadOnlyList<Category> Categories { get; init; }
    public IReadOnlyList<Matter> Matters { get; init; } = [];
    public IReadOnlyList<Bundle> Bundles { get; init; } = [];
    /// <summary>好差评 tags offered per grade (the national scheme's defaults unless the hall sets its own).</summary>
    public RatingScheme Rating { get; init; } = new();
    /// <summary>The hall's calendar for working days (工作日): dates it is closed on a usual working day (法定节假日) and
    /// dates it works on a usual day off (调休), in hall-local dates. Deadlines in working days (差评 follow-up) use it.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];
    public IReadOnlyList<DateOnly> ExtraWorkdays { get; init; } = [];
    /// <summary>预约 slots and their capacities (none unless configured).</summary>
    public BookingRules Booking { get; init; } = new();
    /// <summary>线上取号 from the phone (null: off).</summary>
    public RemoteTaking? RemoteTaking { get; init; }

    /// <summary>A working day (工作日) of this hall: a usual weekday that is no holiday, or a 调休 day.</summary>
    public bool IsWorkday(DateOnly date) =>
        ExtraWorkdays.Contains(date) || (Hours.Days.Contains(date.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)date.DayOfWeek) && !Holidays.Contains(date));
    public required IReadOnlyList<WindowConfig> Windows { get; init; }

    // Built on first use (the dispatcher looks categories up on every call), and again if a `with`
    // copy replaced the list the index was built from.
    private (IReadOnlyList<Category> From, FrozenDictionary<string, Category> Index)? _categories;
    private (IReadOnlyList<Matter> From, FrozenDictionary<string, Matter> Index)? _matters;

    public Category? Category(string code)
    {
        if (_categories?.From != Categories) _categories = (Categories, Categories.DistinctBy(c => c.Code).ToFrozenDictionary(c => c.Code));
        return _categories.Value.Index.GetValueOrDefault(code);
    }

    public Matter? Matter(string? id)
    {
        if (id is null) return null;
        if (_matters?.From != Matters) _matters = (Matters, Matters.DistinctBy(m => m.Id).ToFrozenDictionary(m => m.Id));
        return _matters.Value.Index.GetValueOrDefault(id);
    }
    public Bundle? Bundle(string id) => Bundles.FirstOrDefault(b => b.Id == id);
    public WindowConfig? Window(int no) => Windows.FirstOrDefault(w => w.No == no);

    /// <summary>The kind of window a category is served at, as built: the first window serving it (出件 at a result window).</summary>
    public WindowKind KindFor(string category) =>
        Windows.OrderBy(w => w.No).FirstOrDefault(w => w.Categories.Contains(category))?.Kind ?? WindowKind.Comprehensive;
}

/// <summary>服务类别: a queue with its own ticket prefix and target wait. <see cref="DailyLimit"/> is its 限号: how many
/// tickets may start there in a day (null: no limit).</summary>
public sealed record Category(string Code, string Name, string Prefix, int TargetWaitMinutes, int DefaultServiceMinutes = 8, int? DailyLimit = null,
    IReadOnlyList<string>? Materials = null);

/// <summary>事项: one matter a resident can apply for, belonging to one category. <see cref="Materials"/> is its 材料清单:
/// what to bring, as the booking answer and page list it (on a category or a bundle too).</summary>
public sealed record Matter(string Id, string Name, string CategoryCode, string? Department = null, IReadOnlyList<string>? Materials = null);

/// <summary>一件事: several matters under one name, with the route of categories the ticket walks.</summary>
public sealed record Bundle(string Id, string Name, IReadOnlyList<string> MatterIds, IReadOnlyList<string> Route, IReadOnlyList<string>? Materials = null)
{
    /// <summary>材料清单 for a visit: a bundle's own list when the matters are exactly that bundle's, then each matter's,
    /// or the category's when no matter has one; each item once, in that order.</summary>
    public static IReadOnlyList<string> MaterialsFor(HallConfig hall, string categoryCode, IReadOnlyList<string> matterIds)
    {
        var bundle = hall.Bundles.FirstOrDefault(b => b.MatterIds.Order().SequenceEqual(matterIds.Order()));
        var matters = matterIds.SelectMany(id => hall.Matter(id)?.Materials ?? []).ToList();
        return [.. (bundle?.Materials ?? []).Concat(matters.Count > 0 ? matters : hall.Category(categoryCode)?.Materials ?? []).Distinct()];
    }
}

public enum WindowKind { Comprehensive, Dedicated, Result, Assistance }

/// <summary>A window (窗口) as built: number, name, kind, what it may serve and prefers.</summary>
public sealed record WindowConfig(int No, string Name, WindowKind Kind, IReadOnlyList<string> Categories, IReadOnlyList<string>? Prefers = null);

/// <summary>Opening hours in hall-local time, including 中午不打烊 lunch service.</summary>
public sealed record OpeningHours
{
    public TimeOnly Open { get; init; } = new(8, 30);
    public TimeOnly Close { get; init; } = new(17, 30);
    public TimeOnly LunchStart { get; init; } = new(12, 0);
    public TimeOnly LunchEnd { get; init; } = new(14, 0);
    /// <summary>True when the hall keeps serving over lunch (中午不打烊).</summary>
    public bool LunchService { get; init; } = true;
    /// <summary>Days the hall opens (ISO: Monday = 1).</summary>
    public IReadOnlyList<int> Days { get; init; } = [1, 2, 3, 4, 5];

    public bool IsOpenAt(DateTime local) => IsOpenDay(local) && IsWithinHours(TimeOnly.FromDateTime(local)) && !IsLunchBreak(local);

    /// <summary>True in the 午休 of a hall that closes over lunch, on a day and at an hour it is otherwise open.</summary>
    public bool IsLunchBreak(DateTime local)
    {
        var t = TimeOnly.FromDateTime(local);
        return !LunchService && IsOpenDay(local) && IsWithinHours(t) && t >= LunchStart && t < LunchEnd;
    }

    private bool IsOpenDay(DateTime local) => Days.Contains(local.DayOfWeek == DayOfWeek.Sunday ? 7 : (int)local.DayOfWeek);
    private bool IsWithinHours(TimeOnly t) => t >= Open && t < Close;
}
