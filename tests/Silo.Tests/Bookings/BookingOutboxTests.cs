using System.Net;
using System.Text.Json;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Bookings;

/// <summary>预约 by an integration (the 12345 hotline), and the outbox of booking events it pulls for reminders (issue 15),
/// on xuanen from Monday 2026-11-23 10:00.</summary>
public class BookingOutboxTests
{
    private const string Tuesday9 = "2026-11-24T09:00:00+08:00";

    [Fact]
    public async Task An_integration_books_looks_up_and_cancels_like_a_resident_and_pulls_every_booking_event_in_order_seeing_only_its_own_phones()
    {
        await using var silo = new SiloApplication(settings: AppointmentEndpointTests.NoLimits);
        var manager = silo.Client();
        var hotline = silo.DeviceClient((await manager.PairOk("integration", "12345 热线")).Token);
        var platform = silo.DeviceClient((await manager.PairOk("integration", "省政务服务平台")).Token);
        var (kiosk, tv) = (silo.DeviceClient((await manager.PairOk("kiosk", "k1")).Token), silo.DeviceClient((await manager.PairOk("tv", "tv1")).Token));
        var resident = silo.AnonymousClient();
        var appointments = $"/api/halls/{HallApi.Hall}/appointments";

        // The hotline books for a caller through the same API; the booking says where it came from.
        var byPhone = await HallApi.Body(await hotline.Book("13600000001", Tuesday9));
        var code = byPhone.GetProperty("code").GetString()!;
        Assert.Equal("integration", (await hotline.GetOk($"{appointments}/{code}?phone4=0001")).GetProperty("channel").GetString());
        // A resident books 身后一件事 and is told what to bring.
        var bundle = await HallApi.Body(await resident.Book("13600000002", Tuesday9, bundleId: "shyjs"));
        Assert.Equal("resident", bundle.GetProperty("channel").GetString());
        Assert.Contains("医学死亡证明（或公安机关出具的死亡证明）", bundle.GetProperty("materials").EnumerateArray().Select(m => m.GetString()));
        Assert.Empty(byPhone.GetProperty("materials").EnumerateArray());   // 综合受理 lists none
        var checksIn = (await HallApi.Body(await resident.Book("13600000003", Tuesday9))).GetProperty("code").GetString()!;
        // Kiosks and screens book nothing, look nothing up, cancel nothing.
        foreach (var device in new[] { kiosk, tv })
        {
            await HallApi.AssertProblem(await device.Book("13600000004", Tuesday9), HttpStatusCode.Forbidden, "forbidden");
            await HallApi.AssertProblem(await device.GetAsync($"{appointments}/{code}?phone4=0001"), HttpStatusCode.Forbidden, "forbidden");
            await HallApi.AssertProblem(await device.Post($"{appointments}/{code}/cancel", new { phone4 = "0001" }), HttpStatusCode.Forbidden, "forbidden");
        }
        Assert.Equal("cancelled", (await hotline.PostOk($"{appointments}/{code}/cancel", new { phone4 = "0001" })).GetProperty("status").GetString());

        silo.Clock.Advance(TimeSpan.FromHours(23));   // Tuesday 09:00: one checks in, the 一件事 is missed
        await kiosk.TakeOk(new { appointmentCode = checksIn });   // 预约签到 at the kiosk
        silo.Clock.Advance(TimeSpan.FromMinutes(16));

        // The outbox in pages of two: each event once, in the log's order, the cursor passed on.
        var events = new List<JsonElement>();
        var (after, pages) = ("", 0);
        while (true)
        {
            var page = await hotline.GetOk($"{appointments}/events?after={after}&limit=2");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            after = page.GetProperty("next").GetString()!;
            if (items.Count == 0) break;
            Assert.True(items.Count <= 2);
            events.AddRange(items);
            pages++;
        }
        Assert.Equal(["booked", "booked", "booked", "cancelled", "checked-in", "no-show"], events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(3, pages);
        Assert.Equal(events.Select(e => e.GetProperty("seq").GetInt64()).Order(), events.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal([code, code, checksIn, bundle.GetProperty("code").GetString()],
            events.Skip(3).Prepend(events[0]).Select(e => e.GetProperty("code").GetString()));
        // The hotline sees its own caller's number (it had it already); the resident's only masked.
        Assert.Equal(("13600000001", "张三", "integration"), Contact(events[0]));
        Assert.Equal(("136****0002", "张*", "resident"), Contact(events[1]));
        Assert.False(events[4].GetProperty("late").GetBoolean());
        Assert.Equal(DateTimeOffset.Parse(Tuesday9), events[5].GetProperty("slot").GetProperty("start").GetDateTimeOffset());
        // Another integration sees every phone masked; nothing is new after the last cursor.
        var other = (await platform.GetOk($"{appointments}/events")).GetProperty("items").EnumerateArray().First();
        Assert.Equal(("136****0001", "张*", "integration"), Contact(other));
        Assert.Empty((await hotline.GetOk($"{appointments}/events?after={after}")).GetProperty("items").EnumerateArray());
        await HallApi.AssertProblem(await hotline.GetAsync($"{appointments}/events?after=x"), HttpStatusCode.BadRequest, "cursor-invalid");
        await HallApi.AssertProblem(await hotline.GetAsync($"{appointments}/events?limit=0"), HttpStatusCode.BadRequest, "limit-invalid");
    }

    private static (string?, string?, string?) Contact(JsonElement e) =>
        (e.GetProperty("phone").GetString(), e.GetProperty("name").GetString(), e.GetProperty("channel").GetString());
}
