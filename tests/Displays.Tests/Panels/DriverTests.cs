using Queue.Tests.Support;
using System.Text.Json;
using Queue.Screens;
using Queue.Screens.Drivers;

namespace Queue.Displays.Tests.Panels;

/// <summary>Each driver against a fake panel on the far end of a socat pty pair.</summary>
public sealed class DriverTests
{
    static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    static readonly ScreenContent Call = new(ScreenMode.Called, "A012 请到5号窗口", "A012", Flash: true);

    static ScreenConfig Screen(string driver, string address, int windowNo, object options) =>
        new($"w{windowNo}", windowNo, driver, address,
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(JsonSerializer.Serialize(options)));

    [Theory]
    [InlineData("generic-line")]
    [InlineData("onbon-bx5k")]
    public async Task Two_panels_on_one_bus_show_their_own_text_blank_and_report_health(string driver)
    {
        using var line = SocatPair.Start();
        await using var fake = await FakePanels.StartAsync(driver, line.DeviceEnd);
        await using var buses = new DeviceBuses();
        var five = ScreenDrivers.Create(Screen(driver, line.Address(), 5, new { panel = 5, screen = 5, flashEffect = 7 }), buses);
        var six = ScreenDrivers.Create(Screen(driver, line.Address(), 6, new { panel = 6, screen = 6 }), buses);

        await Task.WhenAll(five.ShowAsync(Call, default), six.ShowAsync(new ScreenContent(ScreenMode.Paused, "暂停服务"), default));

        Assert.Equal(new PanelState("A012 请到5号窗口", Flash: true), fake.Shown[5]);
        Assert.Equal("暂停服务", fake.Text(6));
        Assert.True((await five.CheckAsync(default)).Healthy);
        await six.BlankAsync(default);
        Assert.Equal("", fake.Text(6));
        Assert.Equal(0, fake.BadFrames);
    }

    [Theory]
    [InlineData("generic-line")]
    [InlineData("onbon-bx5k")]
    [InlineData("seven-segment")]
    public async Task A_panel_that_stops_answering_is_reported_unhealthy_and_recovers(string driver)
    {
        using var line = SocatPair.Start();
        await using var fake = await FakePanels.StartAsync(driver, line.DeviceEnd);
        await using var buses = new DeviceBuses();
        var screen = ScreenDrivers.Create(Screen(driver, line.Address(), 7, new { panel = 7, screen = 7, counter = 7, replyMs = 200 }), buses);
        Assert.True((await screen.CheckAsync(default)).Healthy);

        fake.Silent[7] = true;
        var health = await screen.CheckAsync(default);

        Assert.False(health.Healthy);
        Assert.Contains("did not answer", health.Error);
        fake.Silent.TryRemove(7, out _);
        Assert.True((await screen.CheckAsync(default)).Healthy);
    }

    [Fact]
    public async Task A_generic_line_show_to_a_silent_panel_fails_with_a_timeout()
    {
        using var line = SocatPair.Start();
        await using var fake = await FakePanels.StartAsync("generic-line", line.DeviceEnd);
        await using var buses = new DeviceBuses();
        var screen = ScreenDrivers.Create(Screen("generic-line", line.Address(), 3, new { panel = 3, replyMs = 150 }), buses);
        fake.Silent[3] = true;

        await Assert.ThrowsAsync<TimeoutException>(() => screen.ShowAsync(Call, default));
    }

    [Fact]
    public async Task Counters_show_the_bare_number_and_dashes_when_paused()
    {
        using var line = SocatPair.Start();
        await using var fake = await FakePanels.StartAsync("seven-segment", line.DeviceEnd);
        await using var buses = new DeviceBuses();
        var counter = ScreenDrivers.Create(Screen("seven-segment", line.Address(), 17, new { counter = 17, digits = 4 }), buses);

        await counter.ShowAsync(Call, default);
        await fake.WaitFor(17, s => s.Text == "A012", Patience, "A012");
        await counter.ShowAsync(new ScreenContent(ScreenMode.Paused, "暂停服务"), default);
        await fake.WaitFor(17, s => s.Text == "----", Patience, "----");
        await counter.ShowAsync(new ScreenContent(ScreenMode.Idle, "17号综合窗口"), default);
        await fake.WaitFor(17, s => s.Text == "", Patience, "nothing");
    }

    [Fact]
    public async Task Dim_lowers_the_line_panel_brightness()
    {
        using var line = SocatPair.Start();
        await using var fake = await FakePanels.StartAsync("generic-line", line.DeviceEnd);
        await using var buses = new DeviceBuses();
        var screen = ScreenDrivers.Create(Screen("generic-line", line.Address(), 2, new { panel = 2 }), buses);

        await screen.ShowAsync(new ScreenContent(ScreenMode.Idle, "2号综合窗口", Dim: true), default);

        Assert.Equal(new PanelState("2号综合窗口", Dim: true), fake.Shown[2]);
    }

    [Fact]
    public async Task A_missing_serial_port_fails_clearly()
    {
        await using var buses = new DeviceBuses();
        var screen = ScreenDrivers.Create(Screen("generic-line", "serial:///dev/queue-no-such-tty?baud=9600", 1, new { }), buses);

        var health = await screen.CheckAsync(default);

        Assert.False(health.Healthy);
        Assert.Contains("queue-no-such-tty", health.Error);
    }

    [Fact]
    public void Unknown_drivers_and_missing_addresses_are_refused_with_a_reason()
    {
        var buses = new DeviceBuses();
        Assert.Contains("unknown driver", Assert.Throws<FormatException>(() => ScreenDrivers.Create(new ScreenConfig("x", 1, "laser"), buses)).Message);
        Assert.Contains("needs an address", Assert.Throws<FormatException>(() => ScreenDrivers.Create(new ScreenConfig("x", 1, "onbon-bx5k"), buses)).Message);
    }
}
