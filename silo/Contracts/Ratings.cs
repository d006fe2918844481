using Queue.Hall;

namespace Queue.Contracts;

/// <summary>POST /api/halls/{hallId}/tickets/{ticketId}/rating: grade 1–5, tags offered for that grade, an optional comment.</summary>
public sealed record RatingBody(int? Grade, string[]? Tags, string? Comment);

/// <summary>A rating as stored and answered (201): the step it rates and who served it.</summary>
public sealed record RatingView(string TicketNumber, int Step, string CategoryCode, string CategoryName, int WindowNo, string? ClerkId,
    int Grade, string GradeName, IReadOnlyList<string> Tags, string? Comment, string Channel, DateTimeOffset ServedAt, DateTimeOffset At);

/// <summary>The step a ticket's resident may rate now (its latest finished, unrated step), on the ticket's view.</summary>
public sealed record RateableStepView(int Step, string CategoryName, int WindowNo, string? WindowName, DateTimeOffset CompletedAt);

/// <summary>Hub RatingRequested, to the evaluator of one window: rate the service that just finished there.</summary>
public sealed record RatingPromptView(string HallId, string TicketId, string Number, int WindowNo, int Step, string CategoryName,
    string? ClerkId, DateTimeOffset CompletedAt);

/// <summary>GET /api/halls/{hallId}/rating-scheme: the grades and, per grade, the tags to offer (version of the hall's tags).</summary>
public sealed record RatingSchemeView(int Version, int MaxCommentLength, IReadOnlyList<RatingGradeView> Grades);
public sealed record RatingGradeView(int Grade, string Name, bool Bad, IReadOnlyList<RatingTagView> Tags);
public sealed record RatingTagView(string Text, string Indicator);
