using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Access;

/// <summary>A device's place (where it stands), given at pairing: listed with the device, and named by a kiosk's help call.</summary>
public class DevicePlaceTests
{
    [Fact]
    public async Task A_kiosk_paired_with_a_place_lists_it_and_its_help_call_says_where_it_stands()
    {
        await using var silo = new SiloApplication();
        var manager = silo.Client();
        var answer = await manager.PostOk("/api/halls/xuanen/manage/devices", new { kind = "kiosk", name = "k7", place = "  一楼东侧入口 " });
        Assert.Equal("一楼东侧入口", answer.GetProperty("device").GetProperty("place").GetString());
        var listed = (await manager.GetOk("/api/halls/xuanen/manage/devices")).EnumerateArray().Single(d => d.GetProperty("name").GetString() == "k7");
        Assert.Equal("一楼东侧入口", listed.GetProperty("place").GetString());

        var kiosk = silo.DeviceClient(answer.GetProperty("token").GetString()!);
        Assert.Equal("一楼东侧入口", (await kiosk.GetOk("/api/halls/xuanen/devices/me")).GetProperty("place").GetString());
        Assert.Equal(HttpStatusCode.Accepted, (await kiosk.Post("/api/halls/xuanen/help", new { })).StatusCode);
        var alert = await manager.Alert("help:k7");
        Assert.Equal("取号机 k7（一楼东侧入口）有群众呼叫帮办，请前往协助", alert?.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_kiosk_without_a_place_is_named_alone_and_a_place_too_long_is_refused_changing_nothing()
    {
        await using var silo = new SiloApplication();
        var manager = silo.Client();
        var (_, token, answer) = await manager.PairOk("kiosk", "k8");
        Assert.False(answer.GetProperty("device").TryGetProperty("place", out _));
        await silo.DeviceClient(token).PostOk("/api/halls/xuanen/help", new { });
        Assert.Equal("取号机 k8 有群众呼叫帮办，请前往协助", (await manager.Alert("help:k8"))?.GetProperty("message").GetString());

        var before = await manager.GetStringAsync("/api/halls/xuanen/manage/devices");
        await HallApi.AssertProblem(await manager.Post("/api/halls/xuanen/manage/devices", new { kind = "kiosk", name = "k9", place = new string('东', 65) }),
            HttpStatusCode.BadRequest, "device-place-invalid");
        Assert.Equal(before, await manager.GetStringAsync("/api/halls/xuanen/manage/devices"));
    }
}
