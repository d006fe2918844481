using Queue.Printing;

namespace Queue.PrinterTool;

/// <summary>The ticket printed by test-print and shown by preview: every part of a real ticket, Chinese included.</summary>
public static class SampleTicket
{
    public const string DefaultStatusUrl = "https://example.com/ticket/test/sample";

    public static TicketPrint Create(DateTimeOffset issuedAt, string statusUrl = DefaultStatusUrl) => new(
        HallName: "一窗通办 测试打印",
        Number: "A001",
        Matters: ["企业开办", "社保卡申领"],
        BundleName: null,
        PeopleAhead: 3,
        EstimatedWaitMinutes: 6,
        IssuedAt: issuedAt,
        StatusUrl: statusUrl,
        Advice: "过号请到服务台");
}
