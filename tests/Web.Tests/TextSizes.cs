using Microsoft.Playwright;

namespace Queue.Web.Tests;

/// <summary>Computed font sizes of what a page shows, as a reader at the screen meets them.</summary>
public static class TextSizes
{
    /// <summary>Every visible text node's font size is at least <paramref name="px"/> CSS pixels.</summary>
    public static async Task AssertNoneUnderAsync(IPage page, double px)
    {
        var small = await page.EvaluateAsync<string[]>("""
            min => {
              const out = [];
              const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let n; (n = walk.nextNode());) {
                const el = n.parentElement, text = n.textContent.trim();
                if (!text || !el || el.closest('script, style, template') || !el.getClientRects().length) continue;
                const css = getComputedStyle(el);
                if (css.visibility === 'hidden' || css.opacity === '0') continue;
                const size = parseFloat(css.fontSize);
                if (size < min) out.push(`${size}px "${text.slice(0, 24)}" in <${el.localName}${el.className ? '.' + el.className : ''}>`);
              }
              return out;
            }
            """, px);
        Assert.True(small.Length == 0, $"{page.Url}: text under {px}px: " + string.Join("; ", small.Distinct().Take(12)));
    }
}
