using System.Buffers.Binary;
using Queue.Printing;
using Queue.Tests.Support;
using Queue.TicketPrinter.Tests.Support;

namespace Queue.TicketPrinter.Tests;

/// <summary>Runs only where Chromium exists (it does in CI); elsewhere it is reported as skipped.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (ChromiumScreenshot.Find() is null) Skip = "chromium is not installed";
    }
}

public class PreviewTests
{
    [Fact]
    public void Html_preview_is_self_contained_and_shows_the_ticket()
    {
        var paper = EscPosDecoder.Decode(TicketRenderer.Render(Tickets.Sample() with { HallName = "A&B <政务> 中心" }, PrinterProfile.Paper58));
        var html = TicketPreview.Html(paper, PrinterProfile.Paper58);

        Assert.StartsWith("<!doctype html>", html);
        Assert.Contains("A&amp;B &lt;政务&gt; 中心", html);                       // text is escaped
        Assert.Contains($"data-payload=\"{Tickets.StatusUrl}\"", html);
        Assert.Contains("<svg", html);                                             // QR inline
        Assert.Contains("font-size:96px", html);                                   // the 4x number
        Assert.Contains("data-cut=\"partial\"", html);
        Assert.DoesNotContain("src=", html);                                       // nothing external
        Assert.DoesNotContain("href=", html);
    }

    [ChromiumFact]
    public async Task Png_preview_is_a_screenshot_of_the_whole_ticket()
    {
        var profile = PrinterProfile.Paper80;
        var paper = EscPosDecoder.Decode(TicketRenderer.Render(Tickets.Sample(), profile));
        var dir = Directory.CreateTempSubdirectory("queue-png-test-");
        try
        {
            var png = Path.Combine(dir.FullName, "ticket.png");
            var size = TicketPreview.PageSize(paper, profile);
            await ChromiumScreenshot.SavePngAsync(TicketPreview.Html(paper, profile), png, size, TimeSpan.FromSeconds(45), default);

            var bytes = await File.ReadAllBytesAsync(png);
            Assert.Equal(Hex.Bytes("89 50 4E 47 0D 0A 1A 0A"), bytes[..8]);
            // IHDR: width and height, big-endian, at offsets 16 and 20.
            Assert.Equal(size.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(size.Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
            Assert.True(bytes.Length > 10_000, "a real picture, not a blank page");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
