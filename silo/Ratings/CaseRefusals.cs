using Queue.Contracts;
using Queue.Hall;

namespace Queue.Silo.Ratings;

/// <summary>Why a case step or a 追评 was refused, in Chinese and English.</summary>
public static class CaseRefusals
{
    public static string StatusZh(CaseStatus s) => s switch
    {
        CaseStatus.Open => "待联系", CaseStatus.Contacted => "已联系核实", CaseStatus.Rectified => "已整改", _ => "已办结",
    };

    private static string ActionZh(CaseStatus to) => to switch
    {
        CaseStatus.Contacted => "登记联系核实", CaseStatus.Rectified => "登记整改", _ => "办结",
    };

    private static string ActionEn(CaseStatus to) => to switch
    {
        CaseStatus.Contacted => "marked contacted", CaseStatus.Rectified => "marked rectified", _ => "closed",
    };

    public static Refusal NotFound(string id) =>
        Refusal.NotFound("rating-case-not-found", $"没有差评工单 {id}", $"Rating case '{id}' does not exist in this hall.");

    public static Refusal NoteRequired(CaseStatus to) => Refusal.Invalid("note-required",
        $"请填写处理情况（{ActionZh(to)}时须写明做了什么）", $"note is required: say what was done before the case is {ActionEn(to)}.");

    public static Refusal NoteTooLong() => Refusal.Invalid("note-too-long",
        $"处理情况最多 {RatingCase.MaxNoteLength} 个字", $"note has at most {RatingCase.MaxNoteLength} characters.");

    /// <summary>Steps go 待联系 → 已联系核实 → 已整改 → 已办结, none skipped or taken twice.</summary>
    public static Refusal OutOfOrder(RatingCase c, CaseStatus to) => new("case-step-out-of-order",
        $"差评工单 {c.Id}（{c.Number}）当前为{StatusZh(c.Status)}，不能{ActionZh(to)}（顺序为：联系核实 → 整改 → 办结）",
        $"Rating case '{c.Id}' ({c.Number}) is {c.Status.ToString().ToLowerInvariant()}; it cannot be {ActionEn(to)} (steps go contacted, rectified, closed).");

    public static Refusal NoCaseForTicket() => Refusal.NotFound("rating-case-not-found",
        "该号票没有差评工单，不能追评", "This ticket has no rating case; a follow-up rating (追评) is only for a rectified bad rating.");

    public static Refusal NotRectified() => new("case-not-rectified",
        "本次服务已评价过；差评整改完成后，可再追评一次", "The rating case is not rectified yet; a follow-up rating (追评) comes after rectification.");

    public static Refusal AlreadyFollowedUp() => new("already-followed-up",
        "已追评过，每次整改只能追评一次", "A follow-up rating (追评) was already given for this case; only one is allowed.");
}
