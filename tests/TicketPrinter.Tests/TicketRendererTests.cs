using Queue.Printing;
using Queue.Tests.Support;
using Queue.TicketPrinter.Tests.Support;

namespace Queue.TicketPrinter.Tests;

public class TicketRendererTests
{
    [Fact]
    public void An_80mm_ticket_opens_like_the_section_1_7_example()
    {
        var bytes = TicketRenderer.Render(Tickets.Sample(), PrinterProfile.Paper80);
        var opening = Hex.Bytes("1B 40 1C 26 1B 61 01 D5 FE CE F1 B7 FE CE F1 D6 D0 D0 C4 0A 1D 21 33 41 30 31 32 0A 1D 21 00");
        Assert.Equal(Hex.Of(opening), Hex.Of(bytes.AsSpan(0, opening.Length)));
        Assert.EndsWith(Hex.Of(Hex.Bytes("1B 64 03 1D 56 42 00")), Hex.Of(bytes));
    }

    [Theory]
    [InlineData(58)]
    [InlineData(80)]
    public void Decoding_the_rendered_ticket_gives_back_number_matters_qr_and_cut(int paper)
    {
        var ticket = Tickets.Sample();
        var decoded = EscPosDecoder.Decode(TicketRenderer.Render(ticket, PrinterProfile.ForPaper(paper)));

        Assert.Empty(decoded.Warnings);
        var number = Assert.Single(decoded.Lines, l => l.Text == "A012");
        Assert.True(number.Width >= 3 && number.Height >= 3, $"number printed at {number.Width}x{number.Height}");
        Assert.Equal(Alignment.Center, number.Alignment);
        Assert.Equal(Alignment.Center, decoded.Lines.First().Alignment);
        Assert.Equal("政务服务中心", decoded.Lines.First().Text);

        var texts = decoded.TextLines.Select(l => l.Text.Trim()).ToList();
        Assert.Contains("办理事项：企业开办", texts);
        Assert.Contains("社保卡申领", texts);
        Assert.Contains("前面等候：3 人", texts);
        Assert.Contains("预计等候：约 6 分钟", texts);
        Assert.Contains("取号时间：2026-11-22 09:15", texts); // hall local time (+08:00), as issued
        Assert.Contains(decoded.TextLines, l => l.Text == "过号请到服务台" && l.Bold);

        var qr = Assert.Single(decoded.QrCodes);
        Assert.Equal(ticket.StatusUrl, qr.Payload);
        Assert.Equal(CutMode.Partial, Assert.Single(decoded.Cuts).Mode);
        Assert.IsType<PaperCut>(decoded.Items[^1]);
    }

    [Fact]
    public void A_wait_past_closing_is_said_so_not_in_minutes()
    {
        var decoded = EscPosDecoder.Decode(TicketRenderer.Render(Tickets.Sample() with { EstimatedWaitMinutes = 95, BeyondClosing = true }, PrinterProfile.Paper58));
        var texts = decoded.TextLines.Select(l => l.Text.Trim()).ToList();
        Assert.Contains("预计等候：超过今日办公时间", texts);
        Assert.DoesNotContain(texts, t => t.Contains("分钟"));
    }

    [Theory]
    [InlineData(QrMode.Native)]
    [InlineData(QrMode.Raster)]
    public void A_ticket_without_a_status_address_prints_no_code_and_says_to_watch_the_screens(QrMode mode)
    {
        var decoded = EscPosDecoder.Decode(TicketRenderer.Render(Tickets.Sample() with { StatusUrl = null }, PrinterProfile.Paper80 with { Qr = mode }));
        Assert.Empty(decoded.QrCodes);
        Assert.Empty(decoded.Images);
        var texts = decoded.TextLines.Select(l => l.Text.Trim()).ToList();
        Assert.Contains(TicketRenderer.NoQrCaption, texts);
        Assert.DoesNotContain(TicketRenderer.QrCaption, texts);
        Assert.Contains("A012", texts);
    }

    [Fact]
    public void Bundle_name_is_printed_instead_of_the_matters_and_green_tickets_say_so()
    {
        var ticket = Tickets.Sample() with { BundleName = "身后一件事", IsGreen = true, EstimatedWaitMinutes = null };
        var texts = EscPosDecoder.Decode(TicketRenderer.Render(ticket, PrinterProfile.Paper58)).TextLines.Select(l => l.Text.Trim()).ToList();
        Assert.Contains("一件事：身后一件事", texts);
        Assert.DoesNotContain(texts, t => t.Contains("企业开办"));
        Assert.Contains(TicketRenderer.GreenLine, texts);
        Assert.Contains("预计等候：暂无法估计", texts);
    }

    [Fact]
    public void No_58mm_line_is_wider_than_32_columns()
    {
        var decoded = EscPosDecoder.Decode(TicketRenderer.Render(Tickets.Long(), PrinterProfile.Paper58));
        Assert.Empty(decoded.Warnings);
        Assert.All(decoded.Lines, line => Assert.True(line.Columns <= 32, $"{line.Columns} columns: {line.Text}"));
        // The long matters, hall name and advice were wrapped, not cut off.
        string all = string.Concat(decoded.TextLines.Select(l => l.Text.Replace(" ", "")));
        Assert.Contains("公积金缴存登记", all);
        Assert.Contains("工作人员将为您服务。", all);
        Assert.Contains("￥收费￥", all);
        Assert.Equal("A0123", Assert.Single(decoded.Lines, l => l.Width > 1 && l.Text.StartsWith("A0")).Text);
    }

    [Fact]
    public void Chinese_bytes_on_the_wire_are_two_byte_GB18030_only()
    {
        var bytes = TicketRenderer.Render(Tickets.Long() with { HallName = "𠀀市民之家 ¥" }, PrinterProfile.Paper80);
        Assert.True(Hex.IndexOf(bytes, Hex.Bytes("81 30 84 36")) < 0, "¥ must not be sent as its 4-byte form");
        Assert.True(Hex.IndexOf(bytes, Hex.Bytes("95 32 82 36")) < 0, "U+20000 must not be sent as its 4-byte form");
        Assert.True(Hex.IndexOf(bytes, Hex.Bytes("A1 F5 CA D0 C3 F1")) >= 0, "□市民 expected"); // □ then 市民
    }

    [Fact]
    public void Raster_QR_decodes_to_an_image_with_the_same_modules_as_QRCoder()
    {
        var profile = PrinterProfile.Paper58 with { Qr = QrMode.Raster, Cut = CutMode.Full };
        var decoded = EscPosDecoder.Decode(TicketRenderer.Render(Tickets.Sample(), profile));
        Assert.Empty(decoded.QrCodes);
        var image = Assert.Single(decoded.Images);
        Assert.True(image.WidthDots <= 384);

        using var generator = new QRCoder.QRCodeGenerator();
        using var expected = generator.CreateQrCode(Tickets.StatusUrl, QRCoder.QRCodeGenerator.ECCLevel.M);
        int modules = expected.ModuleMatrix.Count, scale = image.Rows / modules;
        Assert.Equal(modules * scale, image.Rows);
        for (int y = 0; y < modules; y++)
            for (int x = 0; x < modules; x++)
                Assert.Equal(expected.ModuleMatrix[y][x], image.IsBlack(x * scale + scale / 2, y * scale + scale / 2));
        Assert.Equal(CutMode.Full, Assert.Single(decoded.Cuts).Mode);
    }

    [Fact]
    public void Rendering_is_pure()
    {
        Assert.Equal(TicketRenderer.Render(Tickets.Long(), PrinterProfile.Paper58), TicketRenderer.Render(Tickets.Long(), PrinterProfile.Paper58));
    }

    [Fact]
    public void Without_a_cutter_no_cut_command_is_sent()
    {
        var decoded = EscPosDecoder.Decode(TicketRenderer.Render(Tickets.Sample(), PrinterProfile.Paper58 with { Cut = CutMode.None }));
        Assert.Empty(decoded.Cuts);
        Assert.IsType<PaperFeed>(decoded.Items[^1]);
    }

    [Theory]
    [InlineData("/ticket/xuanen/abc", "absolute http(s) URL")]
    [InlineData("ftp://x/y", "absolute http(s) URL")]
    [InlineData("https://例子.cn/t", "ASCII")]
    [InlineData("", "no status URL")]
    public void Bad_status_urls_are_refused_before_anything_is_rendered(string url, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => TicketRenderer.Render(Tickets.Sample() with { StatusUrl = url }, PrinterProfile.Paper80));
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Other_bad_tickets_are_refused_with_the_field_named()
    {
        Assert.Contains("number", Assert.Throws<ArgumentException>(() => TicketRenderer.Render(Tickets.Sample(" "), PrinterProfile.Paper80)).Message);
        Assert.Contains("People ahead", Assert.Throws<ArgumentException>(() => TicketRenderer.Render(Tickets.Sample() with { PeopleAhead = -1 }, PrinterProfile.Paper80)).Message);
        Assert.Contains("58 or 80", Assert.Throws<ArgumentOutOfRangeException>(() => PrinterProfile.ForPaper(76)).Message);
    }
}
