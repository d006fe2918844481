using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Access;

/// <summary>Revoking a device (DELETE …/manage/devices/{id}) stops it at once: its live hub connection, REST, reconnects;
/// and so does disabling a person's account, for the hub connections their pages hold open.</summary>
public class DeviceRevocationTests
{
    [Fact]
    public async Task Revoking_a_print_agent_closes_its_live_hub_connection_and_its_token_is_refused_after()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var manager = silo.Client();
        var (id, token, _) = await manager.PairOk("print-agent", "k1");
        var agent = silo.DeviceClient(token);
        var printerQuery = $"hall=xuanen&role=printer&kiosk=k1&access_token={Uri.EscapeDataString(token)}";
        await using var printer = await HubListener.Join(silo.BaseAddress, printerQuery);
        Assert.Equal(HubConnectionState.Connected, printer.Connection.State);
        var cut = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        printer.Connection.Reconnecting += e => { cut.TrySetResult(e); return Task.CompletedTask; };
        printer.Connection.Closed += e => { cut.TrySetResult(e); return Task.CompletedTask; };

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/halls/xuanen/manage/devices/{id}")).StatusCode);

        await cut.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await HallApi.AssertProblem(await agent.GetAsync("/api/halls/xuanen/devices/me"), HttpStatusCode.Unauthorized, "sign-in-required");
        await HallApi.AssertProblem(await agent.PostAsJsonAsync("/api/halls/xuanen/printers/k1/status", new { condition = "online" }),
            HttpStatusCode.Unauthorized, "sign-in-required");
        // Reconnecting, the old token is refused outright rather than joining as nobody.
        Assert.Contains("401", (await HubListener.Refused(silo.BaseAddress, printerQuery)).Message);
        await HallApi.AssertProblem(await agent.PostAsync("/hubs/hall/negotiate?negotiateVersion=1&hall=xuanen&role=printer&kiosk=k1", null),
            HttpStatusCode.Unauthorized, "sign-in-required");
        await HallApi.AssertProblem(await manager.DeleteAsync($"/api/halls/xuanen/manage/devices/{id}"), HttpStatusCode.NotFound, "device-not-found");
    }

    [Fact]
    public async Task Disabling_or_locking_a_manager_cuts_the_dashboards_live_connection_at_once()
    {
        await using var silo = new SiloApplication(kestrel: true, settings: AccessMatrixTests.Unlimited);
        var admin = silo.Client();
        await admin.CreateUserOk("m1", "manager", "xuanen");
        foreach (var end in new Func<Task>[]
        {
            () => admin.PostOk("/api/admin/users/m1/disable", new { }),
            async () => { foreach (var i in Enumerable.Range(0, 5)) await silo.AnonymousClient().Post("/api/auth/sign-in", new { userName = "m1", password = $"wrong-{i}" }); },
        })
        {
            await admin.PostOk("/api/admin/users/m1/enable", new { });
            var cookies = new CookieContainer();
            using var browser = silo.Client("m1", cookies);
            await browser.GetOk("/api/auth/me");
            await using var dashboard = await HubListener.Join(silo.BaseAddress, "hall=xuanen&role=manager", cookies);
            var cut = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            dashboard.Connection.Reconnecting += e => { cut.TrySetResult(e); return Task.CompletedTask; };
            dashboard.Connection.Closed += e => { cut.TrySetResult(e); return Task.CompletedTask; };

            await end();
            await cut.Task.WaitAsync(TimeSpan.FromSeconds(5));
            // Its reconnections carry the old cookie, which speaks for nobody now: a manager's join is refused.
            Assert.Contains("manager", (await HubListener.Refused(silo.BaseAddress, "hall=xuanen&role=manager", cookies)).Message);
        }
    }
}
