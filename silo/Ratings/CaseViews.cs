using Queue.Contracts;
using Queue.Hall;

namespace Queue.Silo.Ratings;

/// <summary>A case as the hall's managers see it: names from the hall's configuration, never the ticket's secret id.</summary>
public static class CaseViews
{
    public static RatingCaseView Of(RatingCase c, HallConfig hall, DateOnly today) =>
        new(c.Id, c.Number, c.Step + 1, c.CategoryCode, hall.Category(c.CategoryCode)?.Name ?? c.CategoryCode, c.MatterIds,
            [.. c.MatterIds.Select(m => hall.Matter(m)?.Name ?? m)], c.WindowNo, c.ClerkId, c.Grade, RatingScheme.GradeName(c.Grade), c.Tags,
            c.Comment, c.RatedAt, c.ContactDue, c.RectifyDue, c.Status, c.Overdue(today),
            [.. c.Steps.Select(s => new CaseStepView(s.Status, s.By, s.Note, s.At))],
            c.FollowUp is { } f ? new CaseFollowUpView(f.Grade, RatingScheme.GradeName(f.Grade), f.Tags, f.Comment, f.At) : null);
}
