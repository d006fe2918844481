using System.Net;
using System.Text;

namespace Queue.Screens.Emulator;

/// <summary>One emulated panel on a page: its label and what it shows.</summary>
public sealed record PanelView(string Label, ScreenContent Content, int Columns = 20);

/// <summary>
/// Renders emulated LED panels as one self-contained HTML page with inline SVG: red dots on
/// black, blinking while a call flashes, dimmed outside hours. No scripts, no external files,
/// so it opens from disk in any browser and prints to PNG with headless Chromium.
/// </summary>
public static class PanelPage
{
    const int Cell = 16, Height = 40; // a half-width character cell; CJK takes two

    public static string Render(IEnumerable<PanelView> panels, string title = "窗口屏模拟", int refreshSeconds = 0)
    {
        var html = new StringBuilder();
        string refresh = refreshSeconds > 0 ? $"<meta http-equiv=\"refresh\" content=\"{refreshSeconds}\">" : "";
        html.Append($$"""
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>{{Esc(title)}}</title>{{refresh}}
            <style>
            body { background:#1b1b1b; color:#bbb; font:14px sans-serif; margin:16px; }
            figure { margin:0 0 14px; } figcaption { margin-bottom:4px; }
            .led { font-family:"Noto Sans CJK SC","Noto Serif CJK SC","WenQuanYi Zen Hei",monospace; font-weight:bold; }
            .flash .led { animation: blink 1s steps(1) infinite; }
            .dim .led { opacity:.35; }
            @keyframes blink { 50% { opacity:0; } }
            </style></head><body>

            """);
        int index = 0;
        foreach (var p in panels) html.Append(Panel(p, index++)).Append('\n');
        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>One panel as a figure with an SVG; the data-* attributes let tests read it back.</summary>
    public static string Panel(PanelView p, int index = 0)
    {
        var c = p.Content;
        int width = p.Columns * Cell;
        string css = (c.Flash ? " flash" : "") + (c.Dim ? " dim" : "");
        string text = c.Mode == ScreenMode.Blank ? "" : c.Text;
        // Longer than the panel: a real card scrolls; the emulator squeezes it to fit.
        int cells = Math.Max(1, PanelText.Cells(text));
        string fit = cells > p.Columns ? $" textLength=\"{width - 8}\" lengthAdjust=\"spacingAndGlyphs\"" : "";
        return $"""
            <figure class="panel{css}" data-mode="{c.Mode}" data-text="{Esc(text)}" data-flash="{(c.Flash ? 1 : 0)}" data-dim="{(c.Dim ? 1 : 0)}">
            <figcaption>{Esc(p.Label)}</figcaption>
            <svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{Height}" viewBox="0 0 {width} {Height}">
            <defs><pattern id="dots{index}" width="4" height="4" patternUnits="userSpaceOnUse"><rect width="4" height="4" fill="#000"/><circle cx="2" cy="2" r="1.8" fill="#fff"/></pattern>
            <mask id="m{index}"><rect width="{width}" height="{Height}" fill="url(#dots{index})"/></mask>
            <filter id="glow{index}"><feGaussianBlur stdDeviation="0.8"/></filter></defs>
            <rect width="{width}" height="{Height}" fill="#050505"/>
            <text class="led" x="{width / 2}" y="{Height / 2 + 11}" font-size="30" text-anchor="middle" fill="#ff2a14" opacity=".25" filter="url(#glow{index})"{fit}>{Esc(text)}</text>
            <g mask="url(#m{index})"><rect width="{width}" height="{Height}" fill="#2a0604"/>
            <text class="led" x="{width / 2}" y="{Height / 2 + 11}" font-size="30" text-anchor="middle" fill="#ff4020"{fit}>{Esc(text)}</text></g>
            </svg></figure>
            """;
    }

    static string Esc(string s) => WebUtility.HtmlEncode(s);
}
