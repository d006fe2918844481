using Queue.Hall.Events;

namespace Queue.Hall;

public static partial class Decide
{
    /// <summary>
    /// 好差评, 一次一评: a finished step is rated once. The phone rates its ticket's latest finished step; the evaluator
    /// facing a window rates the latest step served at that window (so a pad cannot rate what another window did).
    /// A ticket is named by its secret id only: a number is public on every screen.
    /// </summary>
    private static Decision Rate(HallState s, RateService c, DateTimeOffset now)
    {
        if (s.TicketById(c.TicketId) is not { } t) return Decision.Refuse(Refusal.UnknownTicket(c.TicketId));
        if (s.Config.Rating.Check(c.Grade, c.Tags, c.Comment, out var tags, out var comment) is { } wrong) return Decision.Refuse(wrong);

        var served = c.EvaluatorWindow is int at ? t.Served.LastOrDefault(x => x.WindowNo == at) : t.Served.LastOrDefault();
        if (served is null)
            return Decision.Refuse(c.EvaluatorWindow is int no && t.Served.Count > 0
                ? new("not-served-here", $"{t.Number} 不是在 {no} 号窗口办理的，请在办理窗口评价", $"Ticket {t.Number} was not served at window {no}.", RefusalKind.Forbidden)
                : new("nothing-to-rate", $"{t.Number} 尚未办结，办结后才能评价", $"Ticket {t.Number} has no finished service to rate yet."));
        if (served.Grade is not null)
            return Decision.Refuse(new("already-rated", "本次服务已评价过，每次服务只能评价一次", $"This service of ticket {t.Number} was already rated (one rating per service)."));
        return Decision.Accept(t.Id, served.WindowNo, new ServiceRated(t.Id, t.Number, served.Step, served.CategoryCode, t.MatterIds, t.BundleId,
            served.WindowNo, served.ClerkId, c.Grade, tags, comment, c.EvaluatorWindow is null ? "phone" : "evaluator", served.CompletedAt, now));
    }
}
