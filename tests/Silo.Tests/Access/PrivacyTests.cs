using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Access;

/// <summary>
/// What is told to whom: a ticket's secret id goes only to its resident (the kiosk that took it, the phone page), never
/// to staff nor to a public screen; what the resident came for and why they are in the green channel stay off the screens.
/// </summary>
public class PrivacyTests
{
    [Fact]
    public async Task No_answer_to_staff_carries_a_tickets_secret_id()
    {
        await using var silo = new SiloApplication();
        var callers = await Callers.Make(silo);
        var kiosk = callers[Who.Kiosk];
        var ids = new List<string>();
        foreach (var body in new object[] { new { matterIds = new[] { "qykb" } }, new { categoryCode = "general" }, new { categoryCode = "general" } })
            ids.Add((await kiosk.TakeOk(body)).GetProperty("id").GetString()!);
        var clerk = callers[Who.Clerk];
        var manager = callers[Who.Manager];
        await manager.OpenWindow(20);

        var answers = new List<string>();
        async Task<JsonElement> Staff(Task<HttpResponseMessage> call)
        {
            using var response = await call;
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, text);
            answers.Add(text);
            return JsonSerializer.Deserialize<JsonElement>(text);
        }
        await Staff(clerk.Act(1, "open"));
        var called = await Staff(clerk.Act(1, "call-next"));
        Assert.Equal(("A001", "企业开办"), (called.TicketNumber(), called.GetProperty("ticket").GetProperty("matters")[0].GetProperty("name").GetString()));
        Assert.False(called.GetProperty("ticket").TryGetProperty("id", out _));
        Assert.False(called.GetProperty("ticket").TryGetProperty("statusUrl", out _));
        await Staff(clerk.Act(1, "recall"));
        await Staff(clerk.Act(1, "start"));
        await Staff(clerk.Act(1, "park"));
        await Staff(clerk.Act(1, "resume-parked", new { number = "A001" }));
        await Staff(clerk.Act(1, "transfer", new { windowNo = 20, reason = "出件" }));
        await Staff(clerk.Act(1, "call-next"));
        await Staff(clerk.Act(1, "no-show"));
        // A manager names a ticket by the number on the TV, or by its secret id: the answer is the same, without it.
        var raised = await Staff(manager.Post($"/api/halls/{Callers.Here}/manage/tickets/A003/priority", new { priority = "green", reason = "孕妇" }));
        Assert.Equal(("A003", "green"), (raised.GetProperty("number").GetString(), raised.GetProperty("priority").GetString()));
        await Staff(manager.Post($"/api/halls/{Callers.Here}/manage/tickets/{ids[2]}/priority", new { priority = "normal", reason = "误操作" }));
        await Staff(manager.Act(20, "call-next"));

        foreach (var answer in answers)
        {
            Assert.DoesNotContain("statusUrl", answer);
            foreach (var id in ids) Assert.DoesNotContain(id, answer);
        }
    }

    [Fact]
    public async Task The_public_hall_view_and_the_screens_messages_carry_no_secret_id_no_matters_and_no_green_reason()
    {
        await using var silo = new SiloApplication(kestrel: true);
        var callers = await Callers.Make(silo);
        await using var tv = await RawScreen.Join(silo.BaseAddress, $"hall={Callers.Here}&role=display");
        await using var windowScreen = await RawScreen.Join(silo.BaseAddress, $"hall={Callers.Here}&role=window&window=1");
        var ticket = await callers[Who.Kiosk].TakeOk(new { matterIds = new[] { "qykb", "sbksl" }, priority = "green", greenReason = "pregnant" });
        var id = ticket.GetProperty("id").GetString()!;
        Assert.Equal("pregnant", ticket.GetProperty("greenReason").GetString());   // the resident's own kiosk is told
        await callers[Who.Clerk].ActOk(1, "open");
        await callers[Who.Clerk].ActOk(1, "call-next");
        await callers[Who.Clerk].ActOk(1, "start");

        // The screens show the window serving A001, and nothing about who A001 is.
        foreach (var screen in new[] { tv, windowScreen })
            await screen.Heard(nameof(IHallClient.WindowChanged), m => Current(m.GetProperty("window")) is { } c && c.GetProperty("status").GetString() == "serving");
        await using var late = await RawScreen.Join(silo.BaseAddress, $"hall={Callers.Here}&role=display");   // its HallState shows the window serving
        await late.Heard(nameof(IHallClient.HallState), _ => true);
        var hall = await callers[Who.Nobody].GetStringAsync($"/api/halls/{Callers.Here}");
        var window1 = JsonSerializer.Deserialize<JsonElement>(hall).GetProperty("windows").EnumerateArray().First(w => w.GetProperty("no").GetInt32() == 1);
        Assert.Equal("A001", Current(window1)!.Value.GetProperty("number").GetString());

        var shown = tv.Messages.Concat(windowScreen.Messages).Concat(late.Messages).Append(hall)
            .Append(await callers[Who.Nobody].GetStringAsync("/api/halls")).ToList();
        Assert.True(shown.Count > 5, $"only {shown.Count} messages");
        foreach (var text in shown)
        {
            Assert.DoesNotContain(id, text);
            Assert.DoesNotContain("pregnant", text);
            Assert.DoesNotContain("greenReason", text);
            Assert.DoesNotContain("statusUrl", text);
            foreach (var w in Windows(JsonSerializer.Deserialize<JsonElement>(text)))
                if (Current(w) is { } current) Assert.Empty(current.GetProperty("matters").EnumerateArray());
        }
    }

    private static JsonElement? Current(JsonElement window) =>
        window.TryGetProperty("current", out var c) && c.ValueKind == JsonValueKind.Object ? c : null;

    /// <summary>Every window a message or view shows: a hall state's windows, or the one window of a WindowChanged.</summary>
    private static IEnumerable<JsonElement> Windows(JsonElement m) =>
        m.ValueKind != JsonValueKind.Object ? []
        : m.TryGetProperty("windows", out var ws) ? ws.EnumerateArray()
        : m.TryGetProperty("window", out var w) && w.ValueKind == JsonValueKind.Object ? [w] : [];

    /// <summary>A screen's hub connection that keeps every message as the JSON the silo sent, fields it should not have included.</summary>
    private sealed class RawScreen : IAsyncDisposable
    {
        private readonly ConcurrentQueue<(string Target, JsonElement Body)> _heard = new();
        private readonly HubConnection _connection;

        private RawScreen(Uri url)
        {
            _connection = HallConnection.Build(url, HubBackoff.Default);
            foreach (var target in typeof(IHallClient).GetMethods().Select(m => m.Name))
                _connection.On<JsonElement>(target, body => _heard.Enqueue((target, body)));
        }

        public IEnumerable<string> Messages => _heard.Select(m => m.Body.GetRawText());

        public static async Task<RawScreen> Join(Uri baseAddress, string query)
        {
            var screen = new RawScreen(new Uri(baseAddress, $"/hubs/hall?{query}"));
            await screen._connection.StartAsync();
            await screen.Heard(nameof(IHallClient.HallState), _ => true);   // in the hall's group from here on
            return screen;
        }

        public Task Heard(string target, Func<JsonElement, bool> what) =>
            Wait.Until(() => _heard.Any(m => m.Target == target && what(m.Body)), TimeSpan.FromSeconds(5), $"{target} on the screen");

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
