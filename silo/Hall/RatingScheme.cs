namespace Queue.Hall;

/// <summary>
/// The national 好差评 scheme's five grades and a hall's tags for them (hall configuration, versioned: a rating keeps the
/// tag texts it was given, so a new version never rewrites old ratings). Each tag belongs to one of the offline indicators
/// 服务效率, 服务水平, 服务态度, 整体满意度 and is offered for some grades.
/// </summary>
public sealed record RatingScheme
{
    public int Version { get; init; } = 1;
    public IReadOnlyList<RatingTag> Tags { get; init; } = Default;
    /// <summary>At most this many characters of comment.</summary>
    public int MaxCommentLength { get; init; } = 200;

    public static readonly IReadOnlyList<(int Grade, string Name)> Grades =
        [(5, "非常满意"), (4, "满意"), (3, "基本满意"), (2, "不满意"), (1, "非常不满意")];

    /// <summary>Grades 2 and 1 are 差评: each opens a case to follow up.</summary>
    public static bool IsBad(int grade) => grade <= 2;

    public static string GradeName(int grade) => Grades.First(g => g.Grade == grade).Name;

    public IEnumerable<RatingTag> TagsFor(int grade) => Tags.Where(t => t.Grades.Contains(grade));

    public const int MaxTags = 10;

    /// <summary>A rating as the scheme allows it: a grade 1–5, tags offered for that grade (trimmed, each once), a comment
    /// within its length (blank is none). The refusal otherwise; the same for a first rating and a 追评.</summary>
    public Refusal? Check(int grade, IEnumerable<string> tags, string? comment, out List<string> cleanTags, out string? cleanComment)
    {
        cleanTags = [.. tags.Select(x => x.Trim()).Where(x => x.Length > 0).Distinct()];
        cleanComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (grade is < 1 or > 5)
            return Refusal.Invalid("grade-invalid", "评价等级须为 1（非常不满意）至 5（非常满意）", "grade must be 1 (very dissatisfied) to 5 (very satisfied).");
        if (cleanTags.Count > MaxTags) return Refusal.Invalid("too-many-tags", $"评价标签最多选 {MaxTags} 个", $"At most {MaxTags} tags.");
        var offered = TagsFor(grade).Select(x => x.Text).ToHashSet();
        if (cleanTags.FirstOrDefault(x => !offered.Contains(x)) is { } stray)
            return Refusal.Invalid("tag-not-offered", $"“{stray}”不是“{GradeName(grade)}”可选的评价标签", $"'{stray}' is not a tag offered for grade {grade}.");
        if (cleanComment?.Length > MaxCommentLength)
            return Refusal.Invalid("comment-too-long", $"评价内容最多 {MaxCommentLength} 字", $"The comment is longer than {MaxCommentLength} characters.");
        return null;
    }

    private static readonly int[] Good = [5, 4], Fair = [3], Bad = [2, 1];
    private static readonly IReadOnlyList<RatingTag> Default =
    [
        new("办事效率高", "服务效率", Good), new("一次办好", "服务效率", Good), new("等候时间短", "服务效率", Good),
        new("业务熟练", "服务水平", Good), new("解答清楚", "服务水平", Good),
        new("热情周到", "服务态度", Good), new("文明礼貌", "服务态度", Good),
        new("环境整洁", "整体满意度", Good),
        new("等候时间较长", "服务效率", Fair), new("解答基本清楚", "服务水平", Fair), new("态度一般", "服务态度", Fair),
        new("等候时间过长", "服务效率", Bad), new("需多次跑腿", "服务效率", Bad),
        new("业务不熟练", "服务水平", Bad), new("解释不清楚", "服务水平", Bad),
        new("态度生硬", "服务态度", Bad), new("推诿扯皮", "服务态度", Bad),
        new("办事流程繁琐", "整体满意度", Bad), new("环境设施差", "整体满意度", Bad),
    ];
}

public sealed record RatingTag(string Text, string Indicator, IReadOnlyList<int> Grades);
