using Microsoft.Playwright;
using Queue.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Queue.Web.Tests;

/// <summary>
/// Between silos the hub's messages ride a fire-and-forget backplane, so a screen may miss one. The TV here really
/// misses one: its WebSocket runs through Playwright, which drops the frame carrying a call.
/// </summary>
public sealed class MissedMessageTests(SiloSite site) : IClassFixture<SiloSite>
{
    [Fact]
    public async Task A_tv_that_misses_a_call_sees_the_next_messages_number_skip_and_fetches_the_hall_again()
    {
        await site.Api.OpenWindow(3);
        var tv = await site.NewPageAsync(1920, 1080);
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var drop = false;
        await tv.RouteWebSocketAsync("**/hubs/hall**", ws =>
        {
            var server = ws.ConnectToServer();
            // The hub's JSON protocol speaks in text frames only.
            ws.OnMessage(frame => server.Send(frame.Text!));
            server.OnMessage(frame =>
            {
                if (Volatile.Read(ref drop) && frame.Text!.Contains("\"target\":\"TicketCalled\""))
                {
                    Volatile.Write(ref drop, false);
                    dropped.TrySetResult();
                    return;
                }
                ws.Send(frame.Text!);
            });
        });
        await tv.GotoAsync($"/tv/{SiloSite.Hall}");
        await Expect(tv.Locator("#hall-name")).ToHaveTextAsync("宣恩县市民之家");

        await site.Api.TakeOk(new { categoryCode = "general" });
        var first = (await site.Api.ActOk(3, "call-next")).TicketNumber();
        await Expect(tv.Locator("#latest-body .number")).ToHaveTextAsync(first);

        await site.Api.TakeOk(new { categoryCode = "general" });
        await site.Api.ActOk(3, "complete");
        Volatile.Write(ref drop, true);
        var refetched = tv.WaitForResponseAsync(r => r.Url.EndsWith($"/api/halls/{SiloSite.Hall}") && r.Ok);
        var missed = (await site.Api.ActOk(3, "call-next")).TicketNumber();
        await dropped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // The hall goes on (a resident takes a number): that message's number shows one was skipped.
        await site.Api.TakeOk(new { categoryCode = "general" });
        await refetched.WaitAsync(TimeSpan.FromSeconds(10));
        await Expect(tv.Locator("#latest-body .number")).ToHaveTextAsync(missed, new() { Timeout = 2000 });
        Assert.Empty(site.PageErrors);
    }
}
