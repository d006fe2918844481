namespace Queue.Contracts;

/// <summary>Where a 差评 case stands: 待联系 → 已联系核实 → 已整改 → 已办结, one step at a time.</summary>
public enum CaseStatus { Open, Contacted, Rectified, Closed }

/// <summary>POST /api/halls/{hallId}/manage/rating-cases/{id}/contact|rectify|close: what was done (required).</summary>
public sealed record CaseNoteBody(string? Note);

/// <summary>
/// A 差评 case, to the hall's managers: the rating that opened it (the ticket's number, never its secret id), its deadlines
/// (hall-local dates, the last day on time: see docs/ratings-export.md), what is overdue now ("contact", "rectify"), each
/// step taken with who and what, and the resident's 追评 once given.
/// </summary>
public sealed record RatingCaseView(string Id, string Number, int Step, string CategoryCode, string CategoryName, IReadOnlyList<string> MatterIds,
    IReadOnlyList<string> MatterNames, int WindowNo, string? ClerkId, int Grade, string GradeName, IReadOnlyList<string> Tags, string? Comment,
    DateTimeOffset RatedAt, DateOnly ContactDue, DateOnly RectifyDue, CaseStatus Status, IReadOnlyList<string> Overdue,
    IReadOnlyList<CaseStepView> Steps, CaseFollowUpView? FollowUp);

public sealed record CaseStepView(CaseStatus Status, string By, string Note, DateTimeOffset At);

/// <summary>追评: the resident's one more rating once the case was rectified.</summary>
public sealed record CaseFollowUpView(int Grade, string GradeName, IReadOnlyList<string> Tags, string? Comment, DateTimeOffset At);

/// <summary>GET /api/halls/{hallId}/ratings/export: a page of items and the cursor to ask from next (docs/ratings-export.md).</summary>
public sealed record RatingExportPage(IReadOnlyList<RatingExportItem> Items, string Next);

/// <summary>One rating or one change of a case. <see cref="Type"/>: rating, case-opened, case-contacted, case-rectified,
/// case-closed, follow-up. <see cref="Rating"/> is the step's rating (for follow-up: the 追评); <see cref="Case"/> is
/// absent for a rating that opened no case.</summary>
public sealed record RatingExportItem(string Type, DateTimeOffset At, string HallId, ExportTicket Ticket, int Step, string CategoryCode,
    string? CategoryName, IReadOnlyList<ExportMatter> Matters, string? BundleId, int WindowNo, string? ClerkId, ExportRating Rating, ExportCase? Case);

/// <summary>The ticket: its number as printed (numbers restart daily) and a stable opaque key, the same in every item of that
/// ticket, from which the ticket's secret id cannot be recovered.</summary>
public sealed record ExportTicket(string Key, string Number);

public sealed record ExportMatter(string Id, string? Name, string? Department);

public sealed record ExportRating(int Grade, string GradeName, IReadOnlyList<string> Tags, string? Comment, string? Channel, DateTimeOffset? ServedAt, DateTimeOffset At);

/// <summary>The case after the change: its status, deadlines, and who did what (absent for case-opened and follow-up).</summary>
public sealed record ExportCase(string Id, CaseStatus Status, DateOnly ContactDue, DateOnly RectifyDue, string? By, string? Note);
