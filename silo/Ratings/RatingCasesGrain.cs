using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Alerts;
using Queue.Silo.Halls;
using Queue.Silo.Storage;

namespace Queue.Silo.Ratings;

/// <summary>
/// A hall's 差评 cases, stored as one versioned record (<see cref="StoredGrainState"/>): a stale second activation's write
/// is refused, never merged. Every call first reads the log's ServiceRated events after its watermark, so the cases are
/// what the log says whoever rang. Overdue cases are the hall managers' alerts, raised whenever it looks.
/// </summary>
public sealed class RatingCasesGrain([PersistentState("rating-cases", StoredGrainState.Name)] IPersistentState<CaseBook> book,
    HallCatalog catalog, IEventStore store, AlertBoard alerts, TimeProvider clock) : Grain, IRatingCasesGrain
{
    private const int Page = 500;
    /// <summary>Good ratings move the watermark without a case; storing it every so often keeps a reactivation's read short.</summary>
    private const long StoreWatermarkEvery = 500;
    private const string AlertPrefix = "rating-case:";

    private HallConfig _hall = null!;
    private TimeZoneInfo _zone = null!;
    private CaseBook Book => book.State;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        _hall = catalog.Find(this.GetPrimaryKeyString()) ?? throw new InvalidOperationException($"Hall '{this.GetPrimaryKeyString()}' is not in the catalog.");
        _zone = TimeZoneInfo.FindSystemTimeZoneById(_hall.TimeZone);
        return Task.CompletedTask;
    }

    public async Task CatchUp()
    {
        var stored = Book.Watermark;
        var opened = false;
        await foreach (var e in store.After(_hall.Id, Book.Watermark, Page, "ServiceRated"))
        {
            if (e.Event is ServiceRated r && RatingScheme.IsBad(r.Grade))
            {
                Book.Cases.Add(RatingCase.Open(r, e.Seq, ++Book.Changes, _hall, _zone));
                opened = true;
            }
            Book.Watermark = e.Seq;
        }
        if (opened || Book.Watermark - stored >= StoreWatermarkEvery) await book.Store(this);
        RaiseOverdue();
    }

    public async Task<IReadOnlyList<RatingCaseView>> List(string status)
    {
        await CatchUp();
        var today = Today();
        return [.. Book.Cases.Where(c => status switch
        {
            "closed" => c.Status == CaseStatus.Closed,
            "overdue" => c.Overdue(today).Count > 0,
            _ => c.Status != CaseStatus.Closed,
        }).Select(c => CaseViews.Of(c, _hall, today))];
    }

    public async Task<CaseAnswer> Advance(string caseId, CaseStatus to, string by, string? note)
    {
        await CatchUp();
        var index = Book.Cases.FindIndex(c => c.Id == caseId);
        if (index < 0) return new(CaseRefusals.NotFound(caseId), null);
        var (next, refusal) = Book.Cases[index].Advance(to, by, note, Book.Changes + 1, clock.GetUtcNow());
        if (refusal is not null) return new(refusal, null);
        await Save(index, next!);
        RaiseOverdue();
        return new(null, CaseViews.Of(next!, _hall, Today()));
    }

    public async Task<CaseRatesView> Rates(DateOnly from, DateOnly to)
    {
        await CatchUp();
        var rated = Book.Cases.Where(c => WorkingDays.LocalDate(_zone, c.RatedAt) is var d && d >= from && d <= to).ToList();
        DateOnly? Done(RatingCase c, CaseStatus step) => c.Steps.FirstOrDefault(s => s.Status == step) is { } s ? WorkingDays.LocalDate(_zone, s.At) : null;
        var contacted = rated.Select(c => (c, At: Done(c, CaseStatus.Contacted))).Where(x => x.At is not null).ToList();
        var rectified = rated.Select(c => (c, At: Done(c, CaseStatus.Rectified))).Where(x => x.At is not null).ToList();
        double? Share(int n) => rated.Count == 0 ? null : (double)n / rated.Count;
        return new(rated.Count, contacted.Count, contacted.Count(x => x.At <= x.c.ContactDue), rectified.Count,
            rectified.Count(x => x.At <= x.c.RectifyDue), Share(contacted.Count), Share(rectified.Count));
    }

    public async Task<CaseAnswer> FollowUp(string ticketId, int grade, IReadOnlyList<string> tags, string? comment)
    {
        await CatchUp();
        var cases = Book.Cases.Where(c => c.TicketId == ticketId).ToList();
        if (cases.Count == 0) return new(CaseRefusals.NoCaseForTicket(), null);
        // A ticket whose two steps were both rated badly: the 追评 is for the latest rectified case still without one.
        var rectified = cases.Where(c => c.Status is CaseStatus.Rectified or CaseStatus.Closed).ToList();
        if (rectified.Count == 0) return new(CaseRefusals.NotRectified(), null);
        if (rectified.LastOrDefault(c => c.FollowUp is null) is not { } target) return new(CaseRefusals.AlreadyFollowedUp(), null);
        if (_hall.Rating.Check(grade, tags, comment, out var cleanTags, out var text) is { } wrong) return new(wrong, null);
        var next = target with { FollowUp = new FollowUpRating(Book.Changes + 1, grade, cleanTags, text, clock.GetUtcNow()) };
        await Save(Book.Cases.IndexOf(target), next);
        return new(null, CaseViews.Of(next, _hall, Today()));
    }

    public async Task<IReadOnlyList<CaseChange>> Changes(long afterChange, long ratedUpTo, int limit)
    {
        await CatchUp();
        return [.. Book.Cases.SelectMany(c => RatingExport.Changes(c, _hall))
            .Where(x => x.Change.Change > afterChange).OrderBy(x => x.Change.Change)
            // A case's changes come after its rating in the export: none of a rating the caller has not been given yet.
            .TakeWhile(x => x.RatedSeq <= ratedUpTo).Take(limit).Select(x => x.Change)];
    }

    private async Task Save(int index, RatingCase next)
    {
        Book.Cases[index] = next;
        Book.Changes++;
        await book.Store(this);
    }

    private DateOnly Today() => WorkingDays.LocalDate(_zone, clock.GetUtcNow());

    private void RaiseOverdue()
    {
        var today = Today();
        var keys = new HashSet<string>();
        foreach (var c in Book.Cases)
        {
            var late = c.Overdue(today);
            if (late.Count == 0) continue;
            var key = AlertPrefix + c.Id;
            keys.Add(key);
            var what = late.Contains("contact") ? $"联系核实已超期（期限 {c.ContactDue:M月d日}）" : $"整改反馈已超期（期限 {c.RectifyDue:M月d日}）";
            alerts.Raise(_hall.Id, key, "rating-case-overdue", $"差评 {c.Number}（{c.WindowNo} 号窗口，{RatingScheme.GradeName(c.Grade)}）{what}", c.Id);
        }
        alerts.Settle(_hall.Id, AlertPrefix, keys);
    }
}
