using System.Buffers;
using System.Globalization;

namespace Queue.Printing;

/// <summary>
/// Turns a <see cref="TicketPrint"/> into ESC/POS bytes for one <see cref="PrinterProfile"/> (出票排版).
/// Pure: same input, same bytes; no I/O, no clock. Every text line fits the profile's columns.
/// </summary>
public static class TicketRenderer
{
    public const string GreenLine = "绿色通道 优先办理";
    public const string QrCaption = "扫码查看排队进度";
    public const string NoQrCaption = "请留意大厅屏幕和语音叫号";
    private const int LargestNumber = 4;

    public static byte[] Render(TicketPrint ticket, PrinterProfile profile)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        Render(ticket, profile, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Render(TicketPrint ticket, PrinterProfile profile, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(profile);
        ticket.Validate();
        profile.Validate();
        var w = new EscPosWriter(output, profile);
        int columns = profile.Columns;
        string rule = new('-', columns);

        // Same opening as HARDWARE.md §1.7: reset, Chinese mode, centred hall name, then the number very large.
        w.Initialize().ChineseMode(true).Align(Alignment.Center);
        Lines(w, ticket.HallName, columns);
        string number = PrinterText.MakePrintable(ticket.Number, profile);
        int size = NumberSize(number, columns);
        w.Size(size, size).Line(number).Size(1, 1);
        if (ticket.IsGreen) w.Bold(true).Line(GreenLine).Bold(false);

        w.Align(Alignment.Left).Line(rule);
        if (!string.IsNullOrWhiteSpace(ticket.BundleName))
            Labelled(w, "一件事：", [ticket.BundleName], columns, bold: true);
        else if (ticket.Matters.Count > 0)
            Labelled(w, "办理事项：", ticket.Matters, columns, bold: false);
        w.Line($"前面等候：{ticket.PeopleAhead} 人");
        w.Line(ticket.BeyondClosing ? "预计等候：超过今日办公时间"
            : ticket.EstimatedWaitMinutes is { } minutes ? $"预计等候：约 {minutes} 分钟" : "预计等候：暂无法估计");
        w.Line("取号时间：" + ticket.IssuedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        w.Line(rule);

        w.Align(Alignment.Center);
        if (ticket.StatusUrl is not { } url) Lines(w, NoQrCaption, columns);
        else
        {
            if (profile.Qr == QrMode.Native) w.QrCode(url, profile.QrModuleSize);
            else QrRaster.Write(w, url);
            w.LineFeed().Line(QrCaption);
        }
        if (!string.IsNullOrWhiteSpace(ticket.Advice))
        {
            w.Bold(true);
            Lines(w, ticket.Advice, columns);
            w.Bold(false);
        }
        // Without a cutter, feed further so the text clears the tear bar.
        w.Feed(profile.Cut == CutMode.None ? 5 : 3).Cut(profile.Cut);
    }

    /// <summary>Largest multiplier (up to 4) at which the number still fits on one line.</summary>
    public static int NumberSize(string printableNumber, int columns) =>
        Math.Clamp(columns / Math.Max(1, PrinterText.Columns(printableNumber)), 1, LargestNumber);

    private static void Lines(EscPosWriter w, string text, int columns)
    {
        foreach (var line in PrinterText.Wrap(PrinterText.MakePrintable(text, w.Profile), columns)) w.Line(line);
    }

    /// <summary>"办理事项：企业开办" with further items and wrapped parts indented under the first.</summary>
    private static void Labelled(EscPosWriter w, string label, IReadOnlyList<string> items, int columns, bool bold)
    {
        int labelWidth = PrinterText.Columns(label);
        string indent = new(' ', labelWidth);
        bool first = true;
        if (bold) w.Bold(true);
        foreach (var item in items)
        {
            foreach (var part in PrinterText.Wrap(PrinterText.MakePrintable(item, w.Profile), columns - labelWidth))
            {
                w.Line((first ? label : indent) + part);
                first = false;
            }
        }
        if (bold) w.Bold(false);
    }
}
