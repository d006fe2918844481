using System.Globalization;
using Queue.Contracts;
using Queue.Hall;
using Queue.Hall.Events;
using Queue.Silo.Storage;

namespace Queue.Silo.Ratings;

/// <summary>
/// The export for a provincial 好差评 platform (docs/ratings-export.md): every rating from the hall's log, then every case
/// change, in pages. The cursor holds both places ("{log seq}.{case change}"); callers treat it as opaque. A page gives
/// ratings first and case changes only once the ratings are read to the log's end, so a case's items always come after
/// the item of the rating that opened it.
/// </summary>
public static class RatingExport
{
    public const int DefaultLimit = 100, MaxLimit = 500;

    public readonly record struct Cursor(long RatingSeq, long Change)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{RatingSeq}.{Change}");

        public static Cursor? Parse(string? text)
        {
            if (string.IsNullOrEmpty(text)) return new Cursor(0, 0);
            var parts = text.Split('.');
            return parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var change)
                ? new Cursor(seq, change) : null;
        }
    }

    public static async Task<RatingExportPage> Read(IEventStore store, IRatingCasesGrain cases, HallConfig hall, Cursor after, int limit, CancellationToken ct)
    {
        var ratings = await store.ReadAfterAsync(hall.Id, after.RatingSeq, limit, "ServiceRated", ct);
        var items = ratings.Select(e => e.Event).OfType<ServiceRated>().Select(r => Rating(r, hall)).ToList();
        var ratedUpTo = ratings.Count > 0 ? ratings[^1].Seq : after.RatingSeq;
        var changes = ratings.Count < limit ? await cases.Changes(after.Change, ratedUpTo, limit - ratings.Count) : [];
        items.AddRange(changes.Select(c => c.Item));
        return new RatingExportPage(items, new Cursor(ratedUpTo, changes.Count > 0 ? changes[^1].Change : after.Change).ToString());
    }

    /// <summary>The case's changes, each with its number and the log seq of the case's rating.</summary>
    public static IEnumerable<(CaseChange Change, long RatedSeq)> Changes(RatingCase c, HallConfig hall)
    {
        var rating = new ExportRating(c.Grade, RatingScheme.GradeName(c.Grade), c.Tags, c.Comment, c.Channel, c.ServedAt, c.RatedAt);
        yield return (new(c.Opened, Item(c, hall, "case-opened", c.RatedAt, rating, CaseStatus.Open, null, null)), c.RatedSeq);
        foreach (var s in c.Steps)
            yield return (new(s.Change, Item(c, hall, $"case-{s.Status.ToString().ToLowerInvariant()}", s.At, rating, s.Status, s.By, s.Note)), c.RatedSeq);
        if (c.FollowUp is { } f)
        {
            var followUp = new ExportRating(f.Grade, RatingScheme.GradeName(f.Grade), f.Tags, f.Comment, null, null, f.At);
            // The case as it stood when the resident rated again.
            var status = c.Steps.LastOrDefault(s => s.Change < f.Change)?.Status ?? CaseStatus.Open;
            yield return (new(f.Change, Item(c, hall, "follow-up", f.At, followUp, status, null, null)), c.RatedSeq);
        }
    }

    private static RatingExportItem Rating(ServiceRated r, HallConfig hall) =>
        new("rating", r.At, hall.Id, new ExportTicket(TicketKeys.Of(hall.Id, r.TicketId), r.Number), r.Step + 1, r.CategoryCode,
            hall.Category(r.CategoryCode)?.Name, Matters(r.MatterIds, hall), r.BundleId, r.WindowNo, r.ClerkId,
            new ExportRating(r.Grade, RatingScheme.GradeName(r.Grade), r.Tags, r.Comment, r.Channel, r.ServedAt, r.At), null);

    private static RatingExportItem Item(RatingCase c, HallConfig hall, string type, DateTimeOffset at, ExportRating rating, CaseStatus status,
        string? by, string? note) =>
        new(type, at, hall.Id, new ExportTicket(c.TicketKey, c.Number), c.Step + 1, c.CategoryCode, hall.Category(c.CategoryCode)?.Name,
            Matters(c.MatterIds, hall), c.BundleId, c.WindowNo, c.ClerkId, rating,
            new ExportCase(c.Id, status, c.ContactDue, c.RectifyDue, by, note));

    private static IReadOnlyList<ExportMatter> Matters(IReadOnlyList<string> ids, HallConfig hall) =>
        [.. ids.Select(id => hall.Matter(id) is { } m ? new ExportMatter(id, m.Name, m.Department) : new ExportMatter(id, null, null))];
}

/// <summary>One case change for the export, with its number in the hall's sequence of case changes.</summary>
public sealed record CaseChange(long Change, RatingExportItem Item);
