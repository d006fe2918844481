using System.Globalization;
using System.Net;
using System.Text;
using QRCoder;

namespace Queue.Printing;

/// <summary>
/// A self-contained HTML page that looks like the paper ticket (出票预览), one CSS pixel per printer dot:
/// text in a half-width-Latin monospace CJK font (12 × 24 dots like font A), sizes from GS !, QR codes as
/// inline SVG (QRCoder), raster images as SVG paths, cuts as dashed lines. No external resources.
/// </summary>
public static class TicketPreview
{
    private const int Padding = 24, DotsPerInch = 203, LineSpacing = 30, Font = 24;

    public static string Html(DecodedPaper paper, PrinterProfile profile, string title = "出票预览 / Ticket preview")
    {
        ArgumentNullException.ThrowIfNull(paper);
        int margin = PaperMargin(profile);
        var html = new StringBuilder();
        html.Append($$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{{Encode(title)}}</title>
            <style>
            body { margin: 0; padding: {{Padding}}px; background: #d9d9d9; }
            .paper { box-sizing: content-box; width: {{profile.Dots}}px; margin: 0 auto; padding: 16px {{margin}}px;
              background: #fff; color: #111; box-shadow: 0 1px 4px rgba(0,0,0,.3); overflow: hidden;
              font-family: "Noto Sans Mono CJK SC", "Noto Sans CJK SC", "WenQuanYi Zen Hei Mono", monospace; font-size: {{Font}}px; }
            .line { white-space: pre; overflow: visible; }
            .run { display: inline-block; white-space: pre; vertical-align: bottom; overflow: visible; }
            .run > span { display: inline-block; transform-origin: left bottom; }
            .b { font-weight: bold; } .u { text-decoration: underline; }
            .cut { position: relative; border-top: 2px dashed #888; margin: 10px -{{margin}}px; }
            .cut span { position: absolute; right: 12px; top: -10px; background: #fff; font: 12px sans-serif; color: #666; }
            .warnings { font: 12px monospace; color: #a00; max-width: {{profile.Dots + 2 * margin}}px; margin: 12px auto; }
            svg { display: inline-block; }
            </style></head>
            <body><div class="paper" data-paper="{{profile.PaperMillimetres}}">

            """);
        foreach (var item in paper.Items) html.Append(Item(item)).Append('\n');
        html.Append("</div>\n");
        if (paper.Warnings.Count > 0)
            html.Append("<ul class=\"warnings\">").Append(string.Concat(paper.Warnings.Select(w => $"<li>{Encode(w)}</li>"))).Append("</ul>\n");
        return html.Append("</body></html>\n").ToString();
    }

    /// <summary>Page size in CSS pixels that shows the whole ticket, for a screenshot window.</summary>
    public static (int Width, int Height) PageSize(DecodedPaper paper, PrinterProfile profile)
    {
        int height = paper.Items.Sum(item => item switch
        {
            PrintedLine line => LineHeight(line),
            PrintedQr qr => QrSide(qr),
            PrintedImage image => image.Rows,
            PaperFeed feed => feed.Lines * LineSpacing + feed.Dots,
            PaperCut => 22,
            _ => 0,
        });
        return (profile.Dots + 2 * PaperMargin(profile) + 2 * Padding, height + 32 + 2 * Padding + 16 * paper.Warnings.Count);
    }

    /// <summary>Blank paper each side of the printable width: 58 mm paper is 464 dots wide at 203 dpi, 384 printable.</summary>
    private static int PaperMargin(PrinterProfile profile) =>
        Math.Max(8, ((int)(profile.PaperMillimetres / 25.4 * DotsPerInch) - profile.Dots) / 2);

    private static int LineHeight(PrintedLine line) => Math.Max(LineSpacing, Font * line.Height + 6);

    private static string Align(Alignment alignment) => alignment.ToString().ToLowerInvariant();

    private static string Item(PaperItem item) => item switch
    {
        PrintedLine line => Line(line),
        PrintedQr qr => $"<div class=\"qr\" style=\"text-align:{Align(qr.Alignment)}\" data-payload=\"{Encode(qr.Payload)}\" title=\"{Encode(qr.Payload)}\">{QrSvg(qr)}</div>",
        PrintedImage image => $"<div class=\"image\" style=\"text-align:{Align(image.Alignment)};line-height:0\">{ImageSvg(image)}</div>",
        PaperFeed feed => $"<div class=\"feed\" style=\"height:{feed.Lines * LineSpacing + feed.Dots}px\"></div>",
        PaperCut cut => $"<div class=\"cut\" data-cut=\"{cut.Mode.ToString().ToLowerInvariant()}\"><span>✂ {(cut.Mode == CutMode.Full ? "全切 full cut" : "半切 partial cut")}</span></div>",
        _ => "",
    };

    private static string Line(PrintedLine line)
    {
        var html = new StringBuilder($"<div class=\"line\" style=\"text-align:{Align(line.Alignment)};height:{LineHeight(line)}px;line-height:{LineHeight(line)}px\">");
        foreach (var run in line.Runs)
        {
            // The font is sized by height; a different width multiplier stretches it horizontally.
            string classes = (run.Bold ? " b" : "") + (run.Underline ? " u" : "");
            string scale = run.Width == run.Height ? "" : $" style=\"transform:scaleX({(double)run.Width / run.Height:0.###})\"";
            html.Append($"<span class=\"run{classes}\" style=\"width:{run.Columns * Font / 2}px;font-size:{Font * run.Height}px;line-height:{Font * run.Height}px\">")
                .Append($"<span{scale}>{Encode(run.Text)}</span></span>");
        }
        return html.Append("</div>").ToString();
    }

    private static int QrSide(PrintedQr qr)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(qr.Payload, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Count * Math.Max(1, qr.ModuleSize);
    }

    private static string QrSvg(PrintedQr qr)
    {
        var level = qr.ErrorLevel switch { 'L' => QRCodeGenerator.ECCLevel.L, 'Q' => QRCodeGenerator.ECCLevel.Q, 'H' => QRCodeGenerator.ECCLevel.H, _ => QRCodeGenerator.ECCLevel.M };
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(qr.Payload, level);
        return new SvgQRCode(data).GetGraphic(Math.Max(1, qr.ModuleSize), "#000000", "#ffffff", true, SvgQRCode.SizingMode.WidthHeightAttribute, null);
    }

    /// <summary>One path of 1-dot-high rectangles, one per run of black dots in a row.</summary>
    private static string ImageSvg(PrintedImage image)
    {
        var path = new StringBuilder();
        for (int y = 0; y < image.Rows; y++)
            for (int x = 0; x < image.WidthDots;)
            {
                if (!image.IsBlack(x, y)) { x++; continue; }
                int start = x;
                while (x < image.WidthDots && image.IsBlack(x, y)) x++;
                path.Append(CultureInfo.InvariantCulture, $"M{start} {y}h{x - start}v1h-{x - start}z");
            }
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{image.WidthDots}\" height=\"{image.Rows}\" viewBox=\"0 0 {image.WidthDots} {image.Rows}\" shape-rendering=\"crispEdges\"><path d=\"{path}\"/></svg>";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
