using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Access;

/// <summary>/api/halls/{hallId}/manage/devices: pairing a hall's devices, listing and revoking them.</summary>
public class DeviceEndpointTests
{
    [Fact]
    public async Task Pairing_shows_the_token_once_the_list_never_does_and_the_token_speaks_for_that_device()
    {
        await using var silo = new SiloApplication();
        var manager = silo.Client();
        var paired = await manager.Post("/api/halls/xuanen/manage/devices", new { kind = "kiosk", name = "k1" });
        Assert.Equal(HttpStatusCode.Created, paired.StatusCode);
        var answer = await HallApi.Body(paired);
        var (id, token) = (answer.GetProperty("id").GetString()!, answer.GetProperty("token").GetString()!);
        Assert.Equal($"/api/halls/xuanen/manage/devices/{id}", paired.Headers.Location?.OriginalString);
        Assert.StartsWith($"{id}.", token);
        Assert.True(token.Length > 40, $"a short token: {token}");
        Assert.EndsWith($"/pair/xuanen#token={token}", answer.GetProperty("pairUrl").GetString());   // in the fragment: never sent to a server
        var device = answer.GetProperty("device");
        Assert.Equal(("kiosk", "k1", "user:admin"), (device.GetProperty("kind").GetString(), device.GetProperty("name").GetString(), device.GetProperty("pairedBy").GetString()));

        var list = await manager.GetStringAsync("/api/halls/xuanen/manage/devices");
        Assert.Contains(id, list);
        Assert.DoesNotContain(token[(id.Length + 1)..], list);
        Assert.DoesNotContain("token", list, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hash", list, StringComparison.OrdinalIgnoreCase);

        var kiosk = silo.DeviceClient(token);
        var me = await kiosk.GetOk("/api/halls/xuanen/devices/me");
        Assert.Equal((id, "kiosk", "k1"), (me.GetProperty("id").GetString(), me.GetProperty("kind").GetString(), me.GetProperty("name").GetString()));
        var ticket = await kiosk.TakeOk(new { categoryCode = "general" });   // its name is its kioskId: its printer prints
        Assert.Equal("k1", (await kiosk.Job(ticket.PrintJobId())).GetProperty("kioskId").GetString());
        // A forged secret for the same id is nobody.
        await HallApi.AssertProblem(await silo.DeviceClient($"{id}.forged").GetAsync("/api/halls/xuanen/devices/me"), HttpStatusCode.Unauthorized, "sign-in-required");
    }

    [Fact]
    public async Task A_name_is_taken_once_per_kind_and_a_bad_pairing_is_refused_clearly()
    {
        await using var silo = new SiloApplication();
        var manager = silo.Client();
        await manager.PairOk("kiosk", "k1");
        await manager.PairOk("print-agent", "k1");   // the kiosk's own print agent has its name
        await manager.PairOk("evaluator", "3");
        var before = await manager.GetStringAsync("/api/halls/xuanen/manage/devices");

        await HallApi.AssertProblem(await manager.Post("/api/halls/xuanen/manage/devices", new { kind = "kiosk", name = "k1" }), HttpStatusCode.Conflict, "device-name-taken");
        await HallApi.AssertProblem(await manager.Post("/api/halls/xuanen/manage/devices", new { kind = "toaster", name = "t1" }), HttpStatusCode.BadRequest, "device-kind-invalid");
        await HallApi.AssertProblem(await manager.Post("/api/halls/xuanen/manage/devices", new { name = "t1" }), HttpStatusCode.BadRequest, "device-kind-invalid");
        await HallApi.AssertProblem(await manager.Post("/api/halls/xuanen/manage/devices", new { kind = "tv", name = "  " }), HttpStatusCode.BadRequest, "device-name-invalid");
        await HallApi.AssertProblem(await manager.Post("/api/halls/xuanen/manage/devices", new { kind = "tv", name = new string('t', 65) }), HttpStatusCode.BadRequest, "device-name-invalid");
        await HallApi.AssertProblem(await manager.Post("/api/halls/atlantis/manage/devices", new { kind = "tv", name = "t1" }), HttpStatusCode.NotFound, "hall-not-found");
        // An evaluator's name is the window it faces: a window of this hall, by its number.
        foreach (var notAWindow in new[] { "99", "3号窗口", "03" })
            await HallApi.AssertProblem(await manager.Post("/api/halls/xuanen/manage/devices", new { kind = "evaluator", name = notAWindow }), HttpStatusCode.BadRequest, "evaluator-window-invalid");

        Assert.Equal(before, await manager.GetStringAsync("/api/halls/xuanen/manage/devices"));
        // Another hall has its own names.
        await manager.PairOk("kiosk", "k1", "enshi");
    }

    [Fact]
    public async Task Revoking_answers_204_then_404_and_the_name_is_free_again()
    {
        await using var silo = new SiloApplication();
        var manager = silo.Client();
        var (id, token, _) = await manager.PairOk("kiosk", "k1");
        var kiosk = silo.DeviceClient(token);
        await kiosk.TakeOk(new { categoryCode = "general" });

        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/halls/xuanen/manage/devices/{id}")).StatusCode);
        await HallApi.AssertProblem(await manager.DeleteAsync($"/api/halls/xuanen/manage/devices/{id}"), HttpStatusCode.NotFound, "device-not-found");
        await HallApi.AssertProblem(await manager.DeleteAsync("/api/halls/xuanen/manage/devices/nosuchdevice"), HttpStatusCode.NotFound, "device-not-found");
        Assert.DoesNotContain(id, await manager.GetStringAsync("/api/halls/xuanen/manage/devices"));
        var before = await manager.HallJson();
        await HallApi.AssertProblem(await kiosk.Take(new { categoryCode = "general" }), HttpStatusCode.Unauthorized, "sign-in-required");
        Assert.Equal(before, await manager.HallJson());

        var (_, newToken, _) = await manager.PairOk("kiosk", "k1");   // the kiosk paired again, with a new token
        Assert.Equal("A002", (await silo.DeviceClient(newToken).TakeOk(new { categoryCode = "general" })).GetProperty("number").GetString());
    }
}
