using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>好差评 through the API (issue 14): the resident's phone and the window's evaluator rate each service once.</summary>
public class RatingEndpointTests
{
    [Fact]
    public async Task A_finished_service_is_rated_once_by_its_resident_or_its_windows_evaluator_and_never_by_staff()
    {
        await using var silo = new SiloApplication();
        var admin = silo.Client();
        var phone = silo.AnonymousClient();
        var (_, padToken, _) = await admin.PairOk("evaluator", "2");
        var pad = silo.DeviceClient(padToken);
        var (_, kioskToken, _) = await admin.PairOk("kiosk", "k1");

        var scheme = await phone.GetOk($"/api/halls/{HallApi.Hall}/rating-scheme");
        Assert.Equal(["非常满意", "满意", "基本满意", "不满意", "非常不满意"], scheme.GetProperty("grades").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
        Assert.Contains("态度生硬", scheme.GetProperty("grades")[3].GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("text").GetString()));

        await admin.OpenWindow(2);
        var id = (await admin.TakeOk(new { categoryCode = "general" })).GetProperty("id").GetString()!;
        await HallApi.AssertProblem(await phone.Rate(id, new { grade = 5 }), HttpStatusCode.Conflict, "nothing-to-rate");
        await admin.ActOk(2, "call-next");
        await admin.ActOk(2, "complete");
        var done = await HallApi.Body(await phone.Ticket(id));
        Assert.Equal((1, 2), (done.GetProperty("rateable").GetProperty("step").GetInt32(), done.GetProperty("rateable").GetProperty("windowNo").GetInt32()));

        // Staff and the hall's other devices may not rate for the resident; nothing is recorded.
        await HallApi.AssertProblem(await admin.Rate(id, new { grade = 5 }), HttpStatusCode.Forbidden, "rating-by-resident-only");
        await HallApi.AssertProblem(await silo.DeviceClient(kioskToken).Rate(id, new { grade = 5 }), HttpStatusCode.Forbidden, "rating-by-resident-only");
        await HallApi.AssertProblem(await pad.Rate(id, new { grade = 9 }), HttpStatusCode.BadRequest, "grade-invalid");
        await HallApi.AssertProblem(await pad.Rate(id, new { }), HttpStatusCode.BadRequest, "grade-required");

        var rated = await HallApi.Body(await pad.Rate(id, new { grade = 2, tags = new[] { "等候时间过长" }, comment = "等了很久" }));
        Assert.Equal((2, "不满意", "evaluator", 2, "综合受理"), (rated.GetProperty("grade").GetInt32(), rated.GetProperty("gradeName").GetString(),
            rated.GetProperty("channel").GetString(), rated.GetProperty("windowNo").GetInt32(), rated.GetProperty("categoryName").GetString()));
        // Rated already; being a 差评, the resident may rate once more (追评) only after it is rectified.
        await HallApi.AssertProblem(await phone.Rate(id, new { grade = 5 }), HttpStatusCode.Conflict, "case-not-rectified");
        Assert.False((await HallApi.Body(await phone.Ticket(id))).TryGetProperty("rateable", out _));
    }
}
