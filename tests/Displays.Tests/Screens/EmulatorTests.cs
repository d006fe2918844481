using System.Buffers.Binary;
using Queue.Screens;
using Queue.Screens.Drivers;
using Queue.Screens.Emulator;

namespace Queue.Displays.Tests.Screens;

public sealed class EmulatorTests
{
    [Fact]
    public async Task The_emulator_keeps_what_it_shows_and_writes_a_page_of_it()
    {
        var dir = Directory.CreateTempSubdirectory("queue-emu-").FullName;
        try
        {
            var screen = new EmulatorDriver(new ScreenConfig("w5", 5, "emulator"), Path.Combine(dir, "sub", "w5.html"));
            await screen.ShowAsync(new ScreenContent(ScreenMode.Called, "A012 请到5号窗口", "A012", Flash: true), default);
            await screen.BlankAsync(default);
            await screen.ShowAsync(new ScreenContent(ScreenMode.Paused, "暂停服务"), default);

            Assert.Equal("暂停服务", screen.Text);
            Assert.Equal([ScreenMode.Called, ScreenMode.Blank, ScreenMode.Paused], screen.History.Select(c => c.Mode));
            string page = await File.ReadAllTextAsync(screen.File!);
            Assert.Contains("data-text=\"暂停服务\"", page);
            Assert.Contains("http-equiv=\"refresh\"", page);
            Assert.True((await screen.CheckAsync(default)).Healthy);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void The_page_marks_flash_and_dim_and_escapes_text()
    {
        string html = PanelPage.Render([
            new PanelView("5号窗口", new ScreenContent(ScreenMode.Called, "A012 请到5号窗口", "A012", Flash: true)),
            new PanelView("<b>9</b>", new ScreenContent(ScreenMode.Idle, "<script>x</script>", Dim: true)),
        ]);

        Assert.Contains("class=\"panel flash\"", html);
        Assert.Contains("class=\"panel dim\"", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("lang=\"zh-CN\"", html);
    }

    [Fact]
    public async Task Headless_chromium_turns_the_page_into_a_png_of_the_requested_size()
    {
        var dir = Directory.CreateTempSubdirectory("queue-png-").FullName;
        try
        {
            string lit = Path.Combine(dir, "lit.png"), dark = Path.Combine(dir, "dark.png");
            await PanelSnapshot.RenderPngAsync(PanelPage.Render([new PanelView("5", new ScreenContent(ScreenMode.Called, "A012 请到5号窗口", "A012"))]),
                lit, 360, 200, default);
            await PanelSnapshot.RenderPngAsync(PanelPage.Render([new PanelView("5", ScreenContent.Blank)]), dark, 360, 200, default);

            var bytes = await File.ReadAllBytesAsync(lit);
            Assert.Equal("\x89PNG\r\n\x1a\n", string.Concat(bytes.Take(8).Select(b => (char)b)));
            Assert.Equal((360, 200), (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20))));
            Assert.True(Png.RedPixels(bytes) > 300, $"the lit panel has {Png.RedPixels(bytes)} red pixels");
            Assert.Equal(0, Png.RedPixels(await File.ReadAllBytesAsync(dark)));
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
