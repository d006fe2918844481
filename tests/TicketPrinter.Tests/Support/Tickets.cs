using Queue.Printing;

namespace Queue.TicketPrinter.Tests.Support;

public static class Tickets
{
    public static readonly DateTimeOffset IssuedAt = new(2026, 11, 22, 9, 15, 0, TimeSpan.FromHours(8));
    public const string StatusUrl = "https://q.example.gov.cn/ticket/xuanen/q7rk3m2x9w4p8t6v5b1n0c7d3f";

    public static TicketPrint Sample(string number = "A012", string hall = "政务服务中心") => new(
        HallName: hall,
        Number: number,
        Matters: ["企业开办", "社保卡申领"],
        BundleName: null,
        PeopleAhead: 3,
        EstimatedWaitMinutes: 6,
        IssuedAt: IssuedAt,
        StatusUrl: StatusUrl,
        Advice: "过号请到服务台");

    /// <summary>Everything long at once, to push the 58 mm layout.</summary>
    public static TicketPrint Long() => Sample("A0123", "宣恩县市民之家 政务服务中心 一窗通办综合受理大厅") with
    {
        Matters = ["企业开办（含设立登记、公章刻制、发票申领、社保登记、公积金缴存登记）", "Business license renewal for foreign-invested enterprises", "¥ 收费 ¥"],
        PeopleAhead = 123,
        EstimatedWaitMinutes = 245,
        Advice = "过号请到服务台重新取号，逾期作废。如需帮助，请按自助机上的呼叫按钮，工作人员将为您服务。",
        IsGreen = true,
    };
}
