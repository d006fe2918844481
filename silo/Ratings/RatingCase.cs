using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Silo.Ratings;

/// <summary>
/// 差评整改: one bad rating (grade 2 or 1) and its follow-up. <see cref="TicketId"/> is the resident's secret: it finds the
/// case for a 追评 and never leaves the grain (views show the number, the export <see cref="TicketKey"/>). Every change
/// has a number (<see cref="Opened"/>, <see cref="CaseStep.Change"/>, <see cref="FollowUpRating.Change"/>) in the hall's
/// one sequence of case changes, which the export pages through.
/// </summary>
public sealed record RatingCase(string Id, long RatedSeq, long Opened, string TicketId, string TicketKey, string Number, int Step, string CategoryCode,
    IReadOnlyList<string> MatterIds, string? BundleId, int WindowNo, string? ClerkId, int Grade, IReadOnlyList<string> Tags, string? Comment,
    string Channel, DateTimeOffset ServedAt, DateTimeOffset RatedAt, DateOnly ContactDue, DateOnly RectifyDue)
{
    /// <summary>联系核实 within 1 working day, 整改反馈 within 15 (see <see cref="WorkingDays"/> for what "within" means).</summary>
    public const int ContactWorkingDays = 1, RectifyWorkingDays = 15;
    public const int MaxNoteLength = 500;

    public CaseStatus Status { get; init; } = CaseStatus.Open;
    public IReadOnlyList<CaseStep> Steps { get; init; } = [];
    public FollowUpRating? FollowUp { get; init; }

    public static RatingCase Open(ServiceRated r, long seq, long change, HallConfig hall, TimeZoneInfo zone) =>
        new($"{WorkingDays.LocalDate(zone, r.At):yyyyMMdd}-{seq}", seq, change, r.TicketId, TicketKeys.Of(hall.Id, r.TicketId), r.Number, r.Step,
            r.CategoryCode, r.MatterIds, r.BundleId, r.WindowNo, r.ClerkId, r.Grade, r.Tags, r.Comment, r.Channel, r.ServedAt, r.At,
            WorkingDays.Due(hall, zone, r.At, ContactWorkingDays), WorkingDays.Due(hall, zone, r.At, RectifyWorkingDays));

    /// <summary>What is late on <paramref name="today"/> (hall-local): "contact" until contacted, "rectify" until rectified,
    /// each from the day after its due date.</summary>
    public IReadOnlyList<string> Overdue(DateOnly today) =>
    [
        .. Status == CaseStatus.Open && today > ContactDue ? ["contact"] : Array.Empty<string>(),
        .. Status is CaseStatus.Open or CaseStatus.Contacted && today > RectifyDue ? ["rectify"] : Array.Empty<string>(),
    ];

    /// <summary>The next step, <paramref name="to"/>, taken by <paramref name="by"/>: only the step after the current one, with
    /// a note of what was done.</summary>
    public (RatingCase? Case, Refusal? Refusal) Advance(CaseStatus to, string by, string? note, long change, DateTimeOffset at)
    {
        if (note?.Trim() is not { Length: > 0 } text) return (null, CaseRefusals.NoteRequired(to));
        if (text.Length > MaxNoteLength) return (null, CaseRefusals.NoteTooLong());
        if (to != Status + 1) return (null, CaseRefusals.OutOfOrder(this, to));
        return (this with { Status = to, Steps = [.. Steps, new CaseStep(change, to, by, text, at)] }, null);
    }
}

/// <summary>One step of a case: to which status, who (the signed-in manager), what was done, when.</summary>
public sealed record CaseStep(long Change, CaseStatus Status, string By, string Note, DateTimeOffset At);

/// <summary>追评: the resident's one more rating of the rectified case.</summary>
public sealed record FollowUpRating(long Change, int Grade, IReadOnlyList<string> Tags, string? Comment, DateTimeOffset At);

/// <summary>A hall's cases, as stored. <see cref="Watermark"/>: the log's seq up to which ServiceRated events were read;
/// <see cref="Changes"/>: the last case change's number.</summary>
public sealed class CaseBook
{
    public long Watermark { get; set; }
    public long Changes { get; set; }
    public List<RatingCase> Cases { get; set; } = [];
}
