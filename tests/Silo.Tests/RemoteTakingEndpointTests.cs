using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>线上取号 through real Kestrel (issue 15): a phone takes a number, call-next passes it by until its resident checks
/// in (the door code the kiosk shows, or the ticket's code at the kiosk's 预约签到), then it is called in its place.</summary>
public class RemoteTakingEndpointTests
{
    [Fact]
    public async Task Numbers_taken_from_the_phone_are_passed_by_until_they_check_in_at_the_door_or_the_kiosk_then_called_in_their_place()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var admin = silo.Client();
        var kiosk = silo.DeviceClient((await admin.PairOk("kiosk", "k1")).Token);
        var phone = silo.AnonymousClient();
        var general = new { categoryCode = "general" };
        await HallApi.AssertProblem(await phone.TakeRemotely(general, hall: "enshi"), HttpStatusCode.Conflict, "remote-taking-off");
        await HallApi.AssertProblem(await phone.TakeRemotely(general), HttpStatusCode.Conflict, "remote-no-window");
        await admin.OpenWindow(1);   // xuanen: 综合受理 at 10 minutes a resident; 线上取号 from 20 minutes' wait
        await kiosk.TakeOk(general);
        var tooSoon = await HallApi.AssertProblem(await phone.TakeRemotely(general), HttpStatusCode.Conflict, "remote-wait-short");
        Assert.Contains("不到 20 分钟", tooSoon.GetProperty("title").GetString());
        await kiosk.TakeOk(general);

        var byDoor = await HallApi.Body(await phone.TakeRemotely(general));
        Assert.Equal(("A003", true, 2), (byDoor.GetProperty("number").GetString(), byDoor.GetProperty("remote").GetBoolean(), byDoor.GetProperty("peopleAhead").GetInt32()));
        Assert.False(byDoor.TryGetProperty("arrivedAt", out _));
        var atKiosk = await HallApi.Body(await phone.TakeRemotely(general));
        var walkIn = await kiosk.TakeOk(general);
        Assert.Equal(4, walkIn.GetProperty("peopleAhead").GetInt32());   // the absent residents keep their places ahead of it

        var called = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            called.Add((await admin.ActOk(1, "call-next")).TicketNumber());
            await admin.ActOk(1, "complete");
        }
        Assert.Equal(["A001", "A002", "A005"], called);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.Act(1, "call-next")).StatusCode);   // only the absent wait

        var id = byDoor.GetProperty("id").GetString()!;
        await HallApi.AssertProblem(await phone.Arrive(id, "000000"), HttpStatusCode.BadRequest, "door-code-invalid");
        var door = await kiosk.GetOk("/api/halls/xuanen/arrival-code");
        var code = door.GetProperty("code").GetString()!;
        Assert.Equal($"/arrive/xuanen?code={code}", door.GetProperty("url").GetString());
        Assert.True((await HallApi.Body(await phone.Arrive(id, code))).TryGetProperty("arrivedAt", out _));

        var checkedIn = await kiosk.TakeOk(new { appointmentCode = atKiosk.GetProperty("arrivalCode").GetString()!.ToLowerInvariant() });
        Assert.Equal((atKiosk.GetProperty("id").GetString(), "A004"), (checkedIn.GetProperty("id").GetString(), checkedIn.GetProperty("number").GetString()));
        Assert.False(checkedIn.TryGetProperty("arrivalCode", out _));   // used: no longer shown

        Assert.Equal("A003", (await admin.ActOk(1, "call-next")).TicketNumber());
        await admin.ActOk(1, "complete");
        Assert.Equal("A004", (await admin.ActOk(1, "call-next")).TicketNumber());
    }
}
