using Queue.Tests.Support;
using System.Net;
using System.Net.Http.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.Printing;
using Queue.Silo.Access;
using Queue.TicketPrinter.Tests.Support;

namespace Queue.Silo.Tests.Printing;

/// <summary>
/// Kiosks without a printer on the silo's machine: the hub's printer role, and the real agent process on a serial pty.
/// Kiosks and print agents are paired by a manager and speak with their tokens, as in a hall.
/// </summary>
public class PrintAgentTests
{
    private static Uri PrinterRole(SiloApplication silo, string kiosk) => new(silo.BaseAddress, $"/hubs/hall?hall=xuanen&role=printer&kiosk={kiosk}");

    [Fact]
    public async Task An_agent_on_the_hub_gets_waiting_jobs_reports_results_and_a_silent_agent_raises_an_alert()
    {
        await using var silo = new SiloApplication(kestrel: true);
        using var admin = silo.Client();
        using var kiosk = await silo.Paired(admin, DeviceKinds.Kiosk, "k2");
        var (_, agentToken, _) = await admin.PairOk(DeviceKinds.PrintAgent, "k2");
        using var reports = silo.DeviceClient(agentToken);
        var waiting = await kiosk.TakeOk(new { bundleId = "shyjs" });

        var jobs = Channel.CreateUnbounded<PrintTicketView>();
        await using var agent = HallConnection.Build(PrinterRole(silo, "k2"), HubBackoff.Default, agentToken);
        agent.On<PrintTicketView>(nameof(IHallClient.PrintTicket), job => jobs.Writer.TryWrite(job));
        await agent.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        var sent = await jobs.Reader.ReadAsync(timeout.Token);
        Assert.Equal(waiting.PrintJobId(), sent.JobId);
        Assert.Equal(("A001", "身后一件事", "宣恩县市民之家"), (sent.Ticket.Number, sent.Ticket.BundleName, sent.Ticket.HallName));
        Assert.Null(sent.Ticket.StatusUrl);   // the silo is known only as 127.0.0.1 here (with Printing:PublicUrl: below)
        Assert.Equal("sent", (await kiosk.Job(waiting.PrintJobId())).GetProperty("status").GetString());

        var result = await reports.PostAsJsonAsync($"/api/halls/xuanen/print-jobs/{waiting.PrintJobId()}/result", new { printed = false, condition = "paperOut", message = "打印机缺纸 / Printer is out of paper" });
        Assert.Equal(("failed", "打印机缺纸"), ((await HallApi.Body(result)).GetProperty("status").GetString(), (await kiosk.Job(waiting.PrintJobId())).GetProperty("message").GetString()));
        Assert.Equal("取号机 k2 的打印机缺纸", (await admin.Alert("printer:k2"))?.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await reports.PostAsJsonAsync("/api/halls/xuanen/printers/k2/status", new { condition = "online" })).StatusCode);
        Assert.Null(await admin.Alert("printer:k2"));

        // Connected: the next ticket goes out at once, and the agent's report finishes it.
        var next = await kiosk.TakeOk(new { categoryCode = "general" });
        Assert.Equal("sent", next.GetProperty("print").GetProperty("status").GetString());
        Assert.Equal(next.PrintJobId(), (await jobs.Reader.ReadAsync(timeout.Token)).JobId);
        await reports.PostAsJsonAsync($"/api/halls/xuanen/print-jobs/{next.PrintJobId()}/result", new { printed = true, condition = "online" });
        Assert.Equal("printed", (await kiosk.Job(next.PrintJobId())).GetProperty("status").GetString());

        await agent.StopAsync();
        // Silence counts from when the hub notices the disconnect, so time moves on until it has.
        var silent = await Wait.For(() =>
        {
            silo.Clock.Advance(TimeSpan.FromSeconds(31));
            return admin.Alert("printer:k2");
        }, TimeSpan.FromSeconds(5), "the silent-agent alert");
        Assert.Contains("打印代理已超过 30 秒无消息", silent.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_print_agent_paired_for_k1_can_neither_join_as_k2_nor_report_k2s_jobs()
    {
        await using var silo = new SiloApplication(kestrel: true);
        using var admin = silo.Client();
        using var k2 = await silo.Paired(admin, DeviceKinds.Kiosk, "k2");
        var (_, k1Agent, _) = await admin.PairOk(DeviceKinds.PrintAgent, "k1");
        using var reports = silo.DeviceClient(k1Agent);
        var jobId = (await k2.TakeOk(new { categoryCode = "general" })).PrintJobId();

        var jobs = Channel.CreateUnbounded<PrintTicketView>();
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (var impostor = HallConnection.Build(PrinterRole(silo, "k2"), HubBackoff.Default, k1Agent))
        {
            impostor.On<PrintTicketView>(nameof(IHallClient.PrintTicket), job => jobs.Writer.TryWrite(job));
            impostor.Closed += e => { closed.TrySetResult(e); return Task.CompletedTask; };
            await impostor.StartAsync();
            var refusal = await closed.Task.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Contains("该打印代理属于取号机 k1 / This print agent prints for kiosk 'k1', not 'k2'", refusal?.Message);
        }
        Assert.False(jobs.Reader.TryRead(out _));
        Assert.Equal("queued", (await k2.Job(jobId)).GetProperty("status").GetString()); // it waits for k2's own agent

        await HallApi.AssertProblem(await reports.PostAsJsonAsync($"/api/halls/xuanen/print-jobs/{jobId}/result", new { printed = true, condition = "online" }),
            HttpStatusCode.Forbidden, "kiosk-mismatch");
        await HallApi.AssertProblem(await reports.PostAsJsonAsync("/api/halls/xuanen/printers/k2/status", new { condition = "paperOut" }),
            HttpStatusCode.Forbidden, "kiosk-mismatch");
        Assert.Equal("queued", (await k2.Job(jobId)).GetProperty("status").GetString());
        Assert.Null(await admin.Alert("printer:k2"));
        // Its own kiosk's printer it reports on.
        Assert.Equal(HttpStatusCode.NoContent, (await reports.PostAsJsonAsync("/api/halls/xuanen/printers/k1/status", new { condition = "paperOut" })).StatusCode);
        Assert.Equal("取号机 k1 的打印机缺纸", (await admin.Alert("printer:k1"))?.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_print_agent_process_prints_kiosk_tickets_and_its_silence_raises_an_alert()
    {
        await using var silo = new SiloProcess();
        await silo.StartAsync("--Printing:AgentSilentSeconds", "2", "--Printing:PublicUrl", "http://192.168.1.10:5000");
        using var admin = silo.Client();
        var (_, agentToken, _) = await admin.PairOk(DeviceKinds.PrintAgent, "k1");
        using var kiosk = silo.DeviceClient((await admin.PairOk(DeviceKinds.Kiosk, "k1")).Token);
        await using var rig = new SerialRig();
        await using var agent = AgentProcess.Start("--silo", silo.BaseAddress.ToString(), "--hall", "xuanen", "--kiosk", "k1", "--token", agentToken,
            "--printer", $"serial://{rig.Pair.HostEnd}?baud=9600", "--paper", "58");
        await agent.WaitForLine("Connected to the silo");

        var ticket = await kiosk.TakeOk(new { matterIds = new[] { "qykb" } });
        var job = await kiosk.FinishedJob(ticket.PrintJobId());

        Assert.True(job.GetProperty("status").GetString() == "printed", $"{job}\n{agent.Output}");
        var paper = EscPosDecoder.Decode(rig.Printer.Received);
        Assert.Equal("http://192.168.1.10:5000" + ticket.GetProperty("statusUrl").GetString(), Assert.Single(paper.QrCodes).Payload);
        Assert.Contains("A001", paper.TextLines.Select(l => l.Text.Trim()));
        Assert.Contains("办理事项：企业开办", paper.TextLines.Select(l => l.Text.Trim()));
        await agent.WaitForLine("已打印 A001");
        Assert.DoesNotContain("设备令牌", agent.Output);

        agent.Kill();
        var alert = await Wait.For(() => admin.Alert("printer:k1"), TimeSpan.FromSeconds(10), "the silent-agent alert");
        Assert.Contains("取号机 k1 的打印代理", alert.GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_print_agent_process_says_clearly_why_the_silo_refuses_its_token_and_keeps_running()
    {
        await using var silo = new SiloProcess();
        await silo.StartAsync();
        using var admin = silo.Client();
        var (agentId, agentToken, _) = await admin.PairOk(DeviceKinds.PrintAgent, "k1");
        await using var rig = new SerialRig();
        string[] Args(string kiosk) => ["--silo", silo.Url, "--hall", "xuanen", "--kiosk", kiosk, "--printer", $"serial://{rig.Pair.HostEnd}?baud=9600"];

        // k1's token given to an agent started for k2 (from the environment, as a systemd unit gives it).
        await using (var wrongKiosk = AgentProcess.StartWithEnvironmentToken(agentToken, Args("k2")))
        {
            await wrongKiosk.WaitForLine("服务器拒绝了此设备令牌：该设备属于取号机 k1，不能代取号机 k2 取号或打印（请配对为 print-agent k2） / The silo refused this device's token: This device belongs to kiosk 'k1'");
            await wrongKiosk.WaitForLine("This print agent prints for kiosk 'k1', not 'k2'");
        }

        using (var revoked = await admin.DeleteAsync($"/api/halls/xuanen/manage/devices/{agentId}"))
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await using var agent = AgentProcess.Start([.. Args("k1"), "--token", agentToken]);
        await agent.WaitForLine("设备令牌无效或已撤销，请在管理后台重新配对 / The device token is invalid or revoked: pair this device (print-agent k1) again");
        await agent.WaitForLine("status code '401'");   // the hub refuses the revoked token before any role is looked at
    }
}
