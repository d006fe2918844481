using Queue.Contracts;
using Queue.Hall;

namespace Queue.Silo.Ratings;

public sealed record CaseAnswer(Refusal? Refusal, RatingCaseView? Case);

/// <summary>
/// A hall's 差评 cases across days (keyed by hall id). It opens them itself from the hall's log (every ServiceRated of
/// grade 2 or 1), so a missed doorbell only delays a case, never loses it.
/// </summary>
public interface IRatingCasesGrain : IGrainWithStringKey
{
    /// <summary>The doorbell: new ratings may be in the log, or the day changed (what is overdue, too).</summary>
    Task CatchUp();

    /// <summary>"open" (not closed), "overdue" or "closed", oldest first.</summary>
    Task<IReadOnlyList<RatingCaseView>> List(string status);

    /// <summary>How the 差评 rated on hall-local days <paramref name="from"/>..<paramref name="to"/> were followed up.</summary>
    Task<CaseRatesView> Rates(DateOnly from, DateOnly to);

    /// <summary>联系核实, 整改 or 办结: the next step only, by the signed-in manager, with what was done.</summary>
    Task<CaseAnswer> Advance(string caseId, CaseStatus to, string by, string? note);

    /// <summary>追评: the resident of a rectified case rates once more (by the ticket's secret id); a second is refused.</summary>
    Task<CaseAnswer> FollowUp(string ticketId, int grade, IReadOnlyList<string> tags, string? comment);

    /// <summary>Case changes after <paramref name="afterChange"/>, oldest first, at most <paramref name="limit"/>, stopping before
    /// the first of a case whose rating is after the log's seq <paramref name="ratedUpTo"/> (not yet exported).</summary>
    Task<IReadOnlyList<CaseChange>> Changes(long afterChange, long ratedUpTo, int limit);
}
