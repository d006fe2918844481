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
