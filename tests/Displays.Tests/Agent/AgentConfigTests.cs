using Queue.Tests.Support;
using Queue.DisplayAgent;
using Queue.Displays.Hub;
using Queue.Screens.Drivers;

namespace Queue.Displays.Tests.Agent;

public sealed class AgentConfigTests
{
    static string Seed(string name) => Path.Combine(SiloProcess.RepoRoot, "seeds", "displays", name);

    [Theory]
    [InlineData("xuanen.displays.json", 18)]
    [InlineData("xuanen.emulator.displays.json", 18)]
    public async Task The_seed_configs_load_and_every_screen_gets_its_driver(string file, int windows)
    {
        var config = AgentConfig.Load(Seed(file));

        Assert.Equal("xuanen", config.HallId);
        Assert.Equal(Enumerable.Range(1, windows), config.Screens.Select(s => s.WindowNo).Distinct().Order());
        await using var buses = new DeviceBuses();
        foreach (var screen in config.Screens)
            await using (ScreenDrivers.Create(screen, buses, Path.GetTempPath())) { } // parses addresses and options; opens nothing
        Assert.Equal(new Uri("http://localhost:5000/hubs/hall?hall=xuanen&role=display"), config.HubUrl());
        Assert.Equal(new Uri("http://localhost:5000/api/halls/xuanen/displays/heartbeat"), config.HeartbeatUrl());
    }

    [Theory]
    [InlineData("""{ "silo": "localhost:5000", "hallId": "x", "agentId": "a" }""", "silo must be an http")]
    [InlineData("""{ "silo": "http://h", "hallId": "", "agentId": "a" }""", "hallId is required")]
    [InlineData("""{ "silo": "http://h", "hallId": "x", "agentId": "a", "screens": [ { "id": "w1", "windowNo": 1, "driver": "laser" } ] }""", "unknown driver 'laser'")]
    [InlineData("""{ "silo": "http://h", "hallId": "x", "agentId": "a", "screens": [ { "id": "w1", "windowNo": 0, "driver": "emulator" } ] }""", "windowNo ≥ 1")]
    [InlineData("""{ "silo": "http://h", "hallId": "x", "agentId": "a", "offHours": "off" }""", "offHours must be dim or blank")]
    [InlineData("""{ "silo": "http://h", "hallId": "x", "agentId": "a", "token": "half of a token" }""", "device token is malformed")]
    [InlineData("""{ "silo": "http://h", "hallId": "x", "agentId": "a", "screens": [ { "id": "w1", "windowNo": 1, "driver": "emulator" }, { "id": "w1", "windowNo": 2, "driver": "emulator" } ] }""", "'w1' is used twice")]
    public void A_bad_config_is_refused_saying_what_is_wrong(string json, string reason)
    {
        Assert.Contains(reason, Assert.Throws<FormatException>(() => AgentConfig.Parse(json)).Message);
    }

    [Fact]
    public void The_token_comes_from_the_command_line_else_QUEUE_DEVICE_TOKEN_else_the_file()
    {
        var file = AgentConfig.Parse("""{ "silo": "http://h", "hallId": "x", "agentId": "a", "token": " 3f9a.file-secret " }""");
        Assert.Equal("3f9a.file-secret", file.Token);
        Environment.SetEnvironmentVariable(DeviceToken.EnvironmentVariable, "3f9a.env-secret");
        try
        {
            Assert.Equal("3f9a.cli-secret", file.WithToken("3f9a.cli-secret").Token);
            Assert.Equal("3f9a.env-secret", file.WithToken(null).Token);
        }
        finally { Environment.SetEnvironmentVariable(DeviceToken.EnvironmentVariable, null); }
        Assert.Equal("3f9a.file-secret", file.WithToken(null).Token);
        Assert.Null(AgentConfig.Parse("""{ "silo": "http://h", "hallId": "x", "agentId": "a" }""").WithToken(null).Token);
        Assert.Contains("device token is malformed", Assert.Throws<FormatException>(() => file.WithToken("3f9a")).Message);
    }
}
