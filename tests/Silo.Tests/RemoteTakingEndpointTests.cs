using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>线上取号 through real Kestrel (issue 15): a phone takes a number, call-next passes it by until its resident checks
/// in (the door code the kiosk shows, or the ticket's code at the kiosk's 预约签到), then it is called.</summary>
public class RemoteTakingEndpointTests
{
    [Fact]
    public async Task A_number_taken_from_the_phone_is_passed_by_until_it_checks_in_at_the_door_then_called_in_its_place()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var admin = silo.Client();
        var kiosk = silo.DeviceClient((await admin.PairOk("kiosk", "k1")).Token);
        var phone = silo.AnonymousClient();
        await admin.OpenWindow(1);   // xuanen: 综合受理 at 10 minutes a resident; its minimum for 线上取号 is 20
        await kiosk.TakeOk(new { categoryCode = "general" });

        var tooSoon = await HallApi.AssertProblem(await phone.TakeRemotely(new { categoryCode = "general" }), HttpStatusCode.Conflict, "remote-wait-short");
        Assert.Contains("不到 20 分钟", tooSoon.GetProperty("title").GetString());
        await kiosk.TakeOk(new { categoryCode = "general" });
        var taken = await phone.TakeRemotely(new { categoryCode = "general" });
        Assert.Equal(HttpStatusCode.Created, taken.StatusCode);
        var remote = await HallApi.Body(taken);
        var id = remote.GetProperty("id").GetString()!;
        Assert.Equal(("A003", true, 2), (remote.GetProperty("number").GetString(), remote.GetProperty("remote").GetBoolean(), remote.GetProperty("peopleAhead").GetInt32()));
        Assert.False(remote.TryGetProperty("arrivedAt", out _));
        var after = await kiosk.TakeOk(new { categoryCode = "general" });
        Assert.Equal(3, after.GetProperty("peopleAhead").GetInt32());   // the absent resident keeps the place ahead of it

        var called = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            called.Add((await admin.ActOk(1, "call-next")).TicketNumber());
            await admin.ActOk(1, "complete");
        }
        Assert.Equal(["A001", "A002", "A004"], called);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Act(1, "call-next")).StatusCode);   // only the absent one waits

        await HallApi.AssertProblem(await phone.Arrive(id, "000000"), HttpStatusCode.BadRequest, "door-code-invalid");
        var door = await kiosk.GetOk("/api/halls/xuanen/arrival-code");
        var code = door.GetProperty("code").GetString()!;
        Assert.Equal($"/arrive/xuanen?code={code}", door.GetProperty("url").GetString());
        var arrived = await HallApi.Body(await phone.Arrive(id, code));
        Assert.True(arrived.TryGetProperty("arrivedAt", out _));
        Assert.Equal("A003", (await admin.ActOk(1, "call-next")).TicketNumber());
    }

    [Fact]
    public async Task The_kiosk_checks_a_remote_number_in_by_its_code_and_the_hall_refuses_remote_taking_it_does_not_offer()
    {
        await using var silo = new SiloApplication();
        var admin = silo.Client();
        var phone = silo.AnonymousClient();
        await HallApi.AssertProblem(await phone.TakeRemotely(new { categoryCode = "general" }, hall: "enshi"), HttpStatusCode.Conflict, "remote-taking-off");
        await HallApi.AssertProblem(await phone.TakeRemotely(new { categoryCode = "general" }), HttpStatusCode.Conflict, "remote-no-window");
        await admin.OpenWindow(1);
        await admin.TakeOk(new { categoryCode = "general" });
        await admin.TakeOk(new { categoryCode = "general" });
        var remote = await HallApi.Body(await phone.TakeRemotely(new { categoryCode = "general" }));

        var checkedIn = await admin.TakeOk(new { appointmentCode = remote.GetProperty("arrivalCode").GetString()!.ToLowerInvariant() });
        Assert.Equal((remote.GetProperty("id").GetString(), "A003"), (checkedIn.GetProperty("id").GetString(), checkedIn.GetProperty("number").GetString()));
        Assert.True(checkedIn.TryGetProperty("arrivedAt", out _));
        Assert.False(checkedIn.TryGetProperty("arrivalCode", out _));   // used: no longer shown
    }
}
