using Queue.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.Printing;
using Queue.TicketPrinter.Tests.Support;

namespace Queue.Silo.Tests.Printing;

/// <summary>Kiosks without a printer on the silo's machine: the hub's printer role, and the real agent process on a serial pty.</summary>
public class PrintAgentTests
{
    [Fact]
    public async Task An_agent_on_the_hub_gets_waiting_jobs_reports_results_and_a_silent_agent_raises_an_alert()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var http = silo.Client();
        var waiting = await http.TakeOk(new { bundleId = "shyjs", kioskId = "k2" });

        var jobs = Channel.CreateUnbounded<PrintTicketView>();
        await using var agent = HallConnection.Build(new Uri(silo.BaseAddress, "/hubs/hall?hall=xuanen&role=printer&kiosk=k2"), HubBackoff.Default);
        agent.On<PrintTicketView>(nameof(IHallClient.PrintTicket), job => jobs.Writer.TryWrite(job));
        await agent.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        var sent = await jobs.Reader.ReadAsync(timeout.Token);
        Assert.Equal(waiting.PrintJobId(), sent.JobId);
        Assert.Equal(("A001", "身后一件事", "宣恩县市民之家"), (sent.Ticket.Number, sent.Ticket.BundleName, sent.Ticket.HallName));
        Assert.Equal(new Uri(silo.BaseAddress, waiting.GetProperty("statusUrl").GetString()).ToString(), sent.Ticket.StatusUrl);
        Assert.Equal("sent", (await http.Job(waiting.PrintJobId())).GetProperty("status").GetString());

        var result = await http.PostAsJsonAsync($"/api/halls/xuanen/print-jobs/{waiting.PrintJobId()}/result", new { printed = false, condition = "paperOut", message = "打印机缺纸 / Printer is out of paper" });
        Assert.Equal(("failed", "打印机缺纸"), ((await HallApi.Body(result)).GetProperty("status").GetString(), (await http.Job(waiting.PrintJobId())).GetProperty("message").GetString()));
        Assert.Equal("取号机 k2 的打印机缺纸", (await http.Alert("printer:k2"))?.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("/api/halls/xuanen/printers/k2/status", new { condition = "online" })).StatusCode);
        Assert.Null(await http.Alert("printer:k2"));

        // Connected: the next ticket goes out at once, and the agent's report finishes it.
        var next = await http.TakeOk(new { categoryCode = "general", kioskId = "k2" });
        Assert.Equal("sent", next.GetProperty("print").GetProperty("status").GetString());
        Assert.Equal(next.PrintJobId(), (await jobs.Reader.ReadAsync(timeout.Token)).JobId);
        await http.PostAsJsonAsync($"/api/halls/xuanen/print-jobs/{next.PrintJobId()}/result", new { printed = true, condition = "online" });
        Assert.Equal("printed", (await http.Job(next.PrintJobId())).GetProperty("status").GetString());

        await agent.StopAsync();
        // Silence counts from when the hub notices the disconnect, so time moves on until it has.
        var silent = await Wait.For(() =>
        {
            silo.Clock.Advance(TimeSpan.FromSeconds(31));
            return http.Alert("printer:k2");
        }, TimeSpan.FromSeconds(5), "the silent-agent alert");
        Assert.Contains("打印代理已超过 30 秒无消息", silent.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_print_agent_process_prints_kiosk_tickets_and_its_silence_raises_an_alert()
    {
        await using var silo = new SiloProcess();
        await silo.StartAsync("--Printing:AgentSilentSeconds", "2", "--Printing:PublicUrl", "http://192.168.1.10:5000");
        await using var rig = new SerialRig();
        await using var agent = AgentProcess.Start("--silo", silo.BaseAddress.ToString(), "--hall", "xuanen", "--kiosk", "k1",
            "--printer", $"serial://{rig.Pair.HostEnd}?baud=9600", "--paper", "58");
        await agent.WaitForLine("Connected to the silo");
        using var http = silo.Client();

        var ticket = await http.TakeOk(new { matterIds = new[] { "qykb" }, kioskId = "k1" });
        var job = await http.FinishedJob(ticket.PrintJobId());

        Assert.True(job.GetProperty("status").GetString() == "printed", $"{job}\n{agent.Output}");
        var paper = EscPosDecoder.Decode(rig.Printer.Received);
        Assert.Equal("http://192.168.1.10:5000" + ticket.GetProperty("statusUrl").GetString(), Assert.Single(paper.QrCodes).Payload);
        Assert.Contains("A001", paper.TextLines.Select(l => l.Text.Trim()));
        Assert.Contains("办理事项：企业开办", paper.TextLines.Select(l => l.Text.Trim()));
        await agent.WaitForLine("已打印 A001");

        agent.Kill();
        var alert = await Wait.For(() => http.Alert("printer:k1"), TimeSpan.FromSeconds(10), "the silent-agent alert");
        Assert.Contains("取号机 k1 的打印代理", alert.GetProperty("message").GetString());
    }
}
