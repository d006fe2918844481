using System.Net;
using System.Text.Json;
using Queue.Tests.Support;

namespace Queue.Silo.Tests;

/// <summary>HallApi's checks are plain code, not xUnit asserts: they must fail where those would have.</summary>
public class HallApiTests
{
    [Fact]
    public async Task An_Ok_call_the_silo_refuses_fails_with_the_status_and_the_problem()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();

        var refused = await Assert.ThrowsAsync<HallApiException>(() => http.ActOk(1, "call-next")); // window 1 is closed
        Assert.Contains("409", refused.Message);
        Assert.Contains("window-closed", refused.Message);
        await http.OpenWindow(1);
        Assert.Equal(JsonValueKind.Undefined, (await http.ActOk(1, "call-next")).ValueKind); // 204: nobody waits
    }

    [Fact]
    public async Task AssertProblem_fails_on_another_status_or_code_and_passes_a_right_refusal()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();

        await Assert.ThrowsAsync<HallApiException>(async () => await HallApi.AssertProblem(await http.GetAsync("/api/halls/xuanen"), HttpStatusCode.NotFound, "hall-not-found"));
        await Assert.ThrowsAsync<HallApiException>(async () => await HallApi.AssertProblem(await http.Act(1, "call-next"), HttpStatusCode.Conflict, "queue-empty"));
        var problem = await HallApi.AssertProblem(await http.Act(1, "call-next"), HttpStatusCode.Conflict, "window-closed");
        Assert.Equal("window-closed", problem.GetProperty("code").GetString());
    }
}
