using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Queue.Printing;
using Queue.Silo.Access;
using Queue.Silo.Tests.Printing;
using Queue.TicketPrinter.Tests.Support;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>
/// From a kiosk's ticket to paper on a printer at the silo (a loopback fake): failures, reprints, the no-printer wait,
/// preview, refusals. Kiosks are paired by a manager and take tickets with their tokens; the token names the kiosk.
/// </summary>
public class PrintingTests
{
    private static readonly object KioskTicket = new { categoryCode = "general" };

    [Fact]
    public async Task A_kiosk_ticket_is_printed_on_its_direct_printer_with_the_absolute_status_link()
    {
        await using var printer = new TcpFakePrinter(FakeState.Online);
        await using var silo = new SiloApplication(settings: new Dictionary<string, string>(PrintingSilo.DirectPrinter(printer.Address))
        {
            ["Printing:PublicUrl"] = "http://192.168.1.10:5000",
        });
        using var admin = silo.Client();
        using var http = await silo.Paired(admin, DeviceKinds.Kiosk, "k1");

        var ticket = await http.TakeOk(KioskTicket);
        var job = await http.FinishedJob(ticket.PrintJobId());

        Assert.Equal(("printed", "A001", "k1"), (job.GetProperty("status").GetString(), job.GetProperty("ticketNumber").GetString(), job.GetProperty("kioskId").GetString()));
        Assert.DoesNotContain(ticket.GetProperty("id").GetString()!, job.GetRawText()); // the secret id stays off the job
        var paper = EscPosDecoder.Decode(printer.Printer.Received);
        Assert.Equal("http://192.168.1.10:5000" + ticket.GetProperty("statusUrl").GetString(), Assert.Single(paper.QrCodes).Payload);
        var lines = paper.TextLines.Select(l => l.Text.Trim()).ToList();
        Assert.Contains("宣恩县市民之家", lines);
        Assert.Contains("A001", lines);
        Assert.Contains("办理事项：综合受理", lines);
    }

    [Fact]
    public async Task A_kiosk_token_prints_on_its_own_kiosks_printer_and_cannot_name_another()
    {
        await using var k1Printer = new TcpFakePrinter(FakeState.Online);
        await using var k2Printer = new TcpFakePrinter(FakeState.Online);
        await using var silo = new SiloApplication(settings:
            PrintingSilo.DirectPrinter(k1Printer.Address, "k1").Concat(PrintingSilo.DirectPrinter(k2Printer.Address, "k2")).ToDictionary());
        using var admin = silo.Client();
        using var k2 = await silo.Paired(admin, DeviceKinds.Kiosk, "k2");

        var ticket = await k2.TakeOk(KioskTicket);
        var job = await k2.FinishedJob(ticket.PrintJobId());

        Assert.Equal(("printed", "k2"), (job.GetProperty("status").GetString(), job.GetProperty("kioskId").GetString()));
        Assert.Contains("A001", EscPosDecoder.Decode(k2Printer.Printer.Received).TextLines.Select(l => l.Text.Trim()));
        // Naming another kiosk, to take a ticket or to reprint, is refused and prints nothing there.
        await HallApi.AssertProblem(await k2.Take(new { categoryCode = "general", kioskId = "k1" }), HttpStatusCode.Forbidden, "kiosk-mismatch");
        await HallApi.AssertProblem(await k2.PostAsJsonAsync($"/api/halls/xuanen/tickets/{ticket.GetProperty("id").GetString()}/print", new { kioskId = "k1" }),
            HttpStatusCode.Forbidden, "kiosk-mismatch");
        Assert.Equal(1, (await admin.HallOk()).GetProperty("waitingTotal").GetInt32());
        Assert.Empty(EscPosDecoder.Decode(k1Printer.Printer.Received).TextLines);
    }

    [Fact]
    public async Task A_failed_print_never_creates_a_second_ticket_and_an_explicit_reprint_prints_it()
    {
        await using var printer = new TcpFakePrinter(FakeState.PaperOut);
        await using var silo = new SiloApplication(settings: PrintingSilo.DirectPrinter(printer.Address));
        using var admin = silo.Client();
        using var http = await silo.Paired(admin, DeviceKinds.Kiosk, "k1");

        var ticket = await HallApi.Body(await http.Take(KioskTicket, key: "tap-7"));
        var job = await http.FinishedJob(ticket.PrintJobId());
        Assert.Equal(("failed", "打印机缺纸", "Printer is out of paper"),
            (job.GetProperty("status").GetString(), job.GetProperty("message").GetString(), job.GetProperty("messageEn").GetString()));

        // The kiosk retries (its network hiccuped): same ticket, same job, nothing new on the printer.
        var retry = await http.Take(KioskTicket, key: "tap-7");
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var again = await HallApi.Body(retry);
        Assert.Equal(ticket.GetProperty("id").GetString(), again.GetProperty("id").GetString());
        Assert.Equal(ticket.PrintJobId(), again.PrintJobId());
        Assert.Equal("failed", again.GetProperty("print").GetProperty("status").GetString());
        Assert.Equal(1, (await HallApi.Body(await http.GetAsync("/api/halls/xuanen"))).GetProperty("waitingTotal").GetInt32());
        Assert.Empty(EscPosDecoder.Decode(printer.Printer.Received).QrCodes);

        var alert = await Wait.For(() => admin.Alert("printer:k1"), TimeSpan.FromSeconds(10), "the printer alert");
        Assert.Equal(("printer", "取号机 k1 的打印机缺纸"), (alert.GetProperty("kind").GetString(), alert.GetProperty("message").GetString()));

        printer.Printer.State = FakeState.Online; // staff refill the roll, then reprint on purpose
        var reprint = await admin.PostAsJsonAsync($"/api/halls/xuanen/tickets/{ticket.GetProperty("id").GetString()}/print", new { kioskId = "k1" });
        Assert.Equal(HttpStatusCode.Accepted, reprint.StatusCode);
        var reprintJob = await HallApi.Body(reprint);
        Assert.NotEqual(ticket.PrintJobId(), reprintJob.GetProperty("jobId").GetString());
        Assert.Equal("printed", (await http.FinishedJob(reprintJob.GetProperty("jobId").GetString()!)).GetProperty("status").GetString());

        var paper = EscPosDecoder.Decode(printer.Printer.Received);
        // This silo is known only as 127.0.0.1 and has no Printing:PublicUrl: no code a phone could not open.
        Assert.Empty(paper.QrCodes);
        Assert.Contains(TicketRenderer.NoQrCaption, paper.TextLines.Select(l => l.Text.Trim()));
        Assert.Contains("A001", paper.TextLines.Select(l => l.Text.Trim()));
        Assert.Null(await admin.Alert("printer:k1"));
        Assert.Equal("A002", (await http.TakeOk(KioskTicket)).GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_job_for_a_kiosk_without_agent_or_printer_fails_after_the_wait_and_the_ticket_stays()
    {
        await using var silo = new SiloApplication();
        using var admin = silo.Client();
        using var http = await silo.Paired(admin, DeviceKinds.Kiosk, "k9");
        var ticket = await http.TakeOk(KioskTicket);
        Assert.Equal("queued", ticket.GetProperty("print").GetProperty("status").GetString());

        silo.Clock.Advance(TimeSpan.FromSeconds(16));           // Printing:AgentWaitSeconds is 15
        var job = await http.Job(ticket.PrintJobId());

        Assert.Equal(("no-printer", "打印机未连接", "Printer agent not connected"),
            (job.GetProperty("status").GetString(), job.GetProperty("message").GetString(), job.GetProperty("messageEn").GetString()));
        var still = await HallApi.Body(await http.Ticket(ticket.GetProperty("id").GetString()!));
        Assert.Equal(("A001", "waiting"), (still.GetProperty("number").GetString(), still.GetProperty("status").GetString()));
        Assert.False(still.TryGetProperty("print", out _));     // only the answer that issued it names its print job
    }

    [Fact]
    public async Task Preview_shows_the_ticket_as_the_printer_would_print_it()
    {
        await using var silo = new SiloApplication(settings: new Dictionary<string, string> { ["Printing:PublicUrl"] = "http://192.168.1.10:5000" });
        var http = silo.Client();
        var id = (await http.TakeOk(new { bundleId = "shyjs" })).GetProperty("id").GetString();

        var response = await http.GetAsync($"/api/halls/xuanen/tickets/{id}/preview?paper=58");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains(">A001<", html);
        Assert.Contains("宣恩县市民之家", html);
        Assert.Contains("data-paper=\"58\"", html);
        Assert.Contains($"data-payload=\"http://192.168.1.10:5000/ticket/xuanen/{id}\"", html);
    }

    /// <summary>Who asks: staff (the admin) or k1's paired print agent, whose calls the results and printer health are.</summary>
    public static TheoryData<string, string, string, object?, HttpStatusCode, string> BadPrintRequests => new()
    {
        { "staff", "GET", "/api/halls/xuanen/tickets/{id}/preview?paper=57", null, HttpStatusCode.BadRequest, "paper-invalid" },
        { "staff", "GET", "/api/halls/xuanen/tickets/nosuchticket/preview", null, HttpStatusCode.NotFound, "ticket-not-found" },
        { "staff", "GET", "/api/halls/nowhere/tickets/{id}/preview", null, HttpStatusCode.NotFound, "hall-not-found" },
        { "staff", "GET", "/api/halls/xuanen/print-jobs/nosuchjob", null, HttpStatusCode.NotFound, "print-job-not-found" },
        { "agent", "POST", "/api/halls/xuanen/print-jobs/nosuchjob/result", new { printed = true, condition = "online" }, HttpStatusCode.NotFound, "print-job-not-found" },
        { "agent", "POST", "/api/halls/xuanen/print-jobs/nosuchjob/result", new { condition = "online" }, HttpStatusCode.BadRequest, "printed-required" },
        { "agent", "POST", "/api/halls/xuanen/printers/k1/status", new { condition = "onfire" }, HttpStatusCode.BadRequest, "printer-condition-invalid" },
        { "agent", "POST", "/api/halls/xuanen/printers/k1/status", new { condition = "3" }, HttpStatusCode.BadRequest, "printer-condition-invalid" },
        { "agent", "POST", "/api/halls/xuanen/printers/k2/status", new { condition = "online" }, HttpStatusCode.Forbidden, "kiosk-mismatch" },
        { "staff", "POST", "/api/halls/xuanen/printers/k1/status", new { condition = "online" }, HttpStatusCode.Forbidden, "forbidden" },
        { "staff", "POST", "/api/halls/xuanen/tickets/{id}/print", new { }, HttpStatusCode.BadRequest, "kiosk-id-required" },
        { "staff", "POST", "/api/halls/xuanen/tickets/nosuchticket/print", new { kioskId = "k1" }, HttpStatusCode.NotFound, "ticket-not-found" },
    };

    [Theory]
    [MemberData(nameof(BadPrintRequests))]
    public async Task Bad_print_requests_get_a_problem_in_Chinese_and_English(string who, string method, string path, object? body, HttpStatusCode status, string code)
    {
        await using var silo = new SiloApplication();
        using var admin = silo.Client();
        using var agent = await silo.Paired(admin, DeviceKinds.PrintAgent, "k1");
        var id = (await admin.TakeOk(new { categoryCode = "general" })).GetProperty("id").GetString()!;
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{id}", id));
        if (body is not null) request.Content = JsonContent.Create(body);
        await HallApi.AssertProblem(await (who == "agent" ? agent : admin).SendAsync(request), status, code);
    }

    [Fact]
    public async Task A_bad_printer_setting_stops_the_silo_and_names_the_kiosk()
    {
        await using var bad = new SiloApplication(settings: new Dictionary<string, string>
        {
            ["Printing:Kiosks:xuanen:k1:Printer"] = "lpt://1", ["Printing:Kiosks:xuanen:k1:Paper"] = "76",
        });
        var e = Assert.ThrowsAny<Exception>(() => bad.CreateClient());
        Assert.Contains("Printing:Kiosks:xuanen:k1:Paper must be 58 or 80", e.ToString());
        Assert.Contains("Printing:Kiosks:xuanen:k1:Printer", e.ToString());
    }
}
