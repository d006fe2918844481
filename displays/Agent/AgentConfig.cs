using System.Text.Json;
using Queue.Displays.Hub;
using Queue.Screens;
using Queue.Screens.Drivers;

namespace Queue.DisplayAgent;

/// <summary>
/// The agent's JSON file: which silo and hall, this agent's id and device token, its screens, and timings
/// (defaults in code). See seeds/displays/xuanen.displays.json.
/// </summary>
public sealed record AgentConfig
{
    public required string Silo { get; init; }
    public required string HallId { get; init; }
    public required string AgentId { get; init; }
    /// <summary>The display-agent device token the manager paired this agent with; heartbeats need it. Usually not in
    /// the file but in QUEUE_DEVICE_TOKEN or --token (<see cref="WithToken"/>).</summary>
    public string? Token { get; init => field = value?.Trim() is { Length: > 0 } t ? t : null; }
    public IReadOnlyList<ScreenConfig> Screens { get; init; } = [];

    public double HeartbeatSeconds { get; init; } = 10;
    /// <summary>How often each panel is asked whether it is there.</summary>
    public double ProbeSeconds { get; init; } = 5;
    public double FlashSeconds { get; init; } = 8;
    /// <summary>"dim" or "blank": idle screens outside opening hours.</summary>
    public string OffHours { get; init; } = "dim";
    /// <summary>Disconnected this long, screens drop numbers that may have changed meanwhile.</summary>
    public double StaleAfterSeconds { get; init; } = 30;
    /// <summary>Kept short so panels are right within seconds of the silo coming back.</summary>
    public double ReconnectMaxDelaySeconds { get; init; } = 3;
    /// <summary>One HTML page showing every emulator screen (relative to the config file); optional.</summary>
    public string? EmulatorPage { get; init; }
    public string? CallText { get; init; }
    public string? PausedText { get; init; }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static AgentConfig Load(string path) =>
        Parse(File.ReadAllText(path), path);

    public static AgentConfig Parse(string json, string source = "config")
    {
        var config = JsonSerializer.Deserialize<AgentConfig>(json, Json)
            ?? throw new FormatException($"{source}: empty configuration.");
        return config.Validate(source);
    }

    public AgentConfig Validate(string source = "config")
    {
        if (!Uri.TryCreate(Silo, UriKind.Absolute, out var silo) || silo.Scheme is not ("http" or "https"))
            throw new FormatException($"{source}: silo must be an http(s) url such as http://localhost:5000, not '{Silo}'.");
        if (string.IsNullOrWhiteSpace(HallId)) throw new FormatException($"{source}: hallId is required.");
        if (AgentId is not { Length: > 0 and <= 64 }) throw new FormatException($"{source}: agentId is required (at most 64 characters).");
        if (Token is { } token && DeviceToken.Problem(token) is { } malformed) throw new FormatException($"{source}: {malformed}");
        if (OffHours is not ("dim" or "blank")) throw new FormatException($"{source}: offHours must be dim or blank, not '{OffHours}'.");
        foreach (var s in Screens)
        {
            if (string.IsNullOrWhiteSpace(s.Id)) throw new FormatException($"{source}: every screen needs an id.");
            if (s.WindowNo < 1) throw new FormatException($"{source}: screen {s.Id} needs windowNo ≥ 1.");
            if (!ScreenDrivers.Names.Contains(s.Driver))
                throw new FormatException($"{source}: screen {s.Id} has unknown driver '{s.Driver}' (use {string.Join(", ", ScreenDrivers.Names)}).");
        }
        if (Screens.GroupBy(s => s.Id).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new FormatException($"{source}: screen id '{twice.Key}' is used twice.");
        return this;
    }

    /// <summary>The token to use: <paramref name="commandLine"/>'s, else QUEUE_DEVICE_TOKEN's, else the file's.</summary>
    public AgentConfig WithToken(string? commandLine, string source = "token") =>
        (this with { Token = DeviceToken.Choose(commandLine, Token) }).Validate(source);

    public ScreenStyle Style() => ScreenStyle.Default with
    {
        FlashFor = TimeSpan.FromSeconds(FlashSeconds),
        OffHours = OffHours == "blank" ? Queue.Screens.OffHours.Blank : Queue.Screens.OffHours.Dim,
        CallText = CallText ?? ScreenStyle.Default.CallText,
        PausedText = PausedText ?? ScreenStyle.Default.PausedText,
    };

    public Uri HubUrl() => new(new Uri(Silo.TrimEnd('/') + "/"), $"hubs/hall?hall={Uri.EscapeDataString(HallId)}&role=display");

    public Uri StateUrl() => new(new Uri(Silo.TrimEnd('/') + "/"), $"api/halls/{Uri.EscapeDataString(HallId)}");
    public Uri HeartbeatUrl() => new(new Uri(Silo.TrimEnd('/') + "/"), $"api/halls/{Uri.EscapeDataString(HallId)}/displays/heartbeat");
}
