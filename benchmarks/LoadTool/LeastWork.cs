using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;
using Queue.Contracts;
using Queue.Displays.Hub;

namespace Queue.Load;

/// <summary>
/// The least-work server (issue 16): a floor for whole scenarios. In this process, on the routes the load drives, it does
/// only what a silo cannot skip: every command is appended to one log file and fdatasync'd before it is answered, one
/// command of a hall at a time (no group commit, no pipelining), with a FIFO queue for a domain; each call sends ONE
/// TicketCalled frame to the hall's screens over a SignalR hub at the silo's path, protocol and JSON, so the tool's
/// screens (<see cref="DisplayFleet"/>) join it as they join a silo. Sign-in and pairing are accepted as they come.
/// Run through <see cref="Scenario.RunAsync(LoadOptions, Deployment, int, string)"/>, so it meets exactly the silo's load.
/// </summary>
public sealed class LeastWorkServer(LoadOptions o, int halls) : Deployment
{
    public const string Label = "least-work";

    private readonly Dictionary<string, Hall> _halls = HallIds(o, halls).ToDictionary(id => id, id => new Hall(id));
    private readonly string _folder = Directory.CreateTempSubdirectory("queue-least-work-").FullName;
    private AppendLog? _log;
    private WebApplication? _app;
    private (int Workers, int Io)? _poolMinimum;

    public override Uri Url => new(_app!.Urls.First());

    /// <summary>As many halls as the silo hosts for --halls (<see cref="Scenario.SeedFolder"/>: 100 → 102), named as copies of one.</summary>
    private static IEnumerable<string> HallIds(LoadOptions o, int halls)
    {
        var seeds = Directory.GetFiles(o.Seeds, "*.hall.json").Length;
        var count = halls <= seeds ? halls : (halls + seeds - 1) / seeds * seeds;
        return Enumerable.Range(0, count).Select(i => i == 0 ? Label : $"{Label}-{i:D5}");
    }

    public override async Task StartAsync()
    {
        _log = new AppendLog(Path.Combine(_folder, "log"));
        // Each hall in flight blocks a pool thread in fdatasync (the silo has one writer thread for that): without enough
        // threads at once, 128 kiosks would wait for the pool to grow, not for the disk. Given back on dispose.
        ThreadPool.GetMinThreads(out var workers, out var io);
        _poolMinimum = (workers, io);
        ThreadPool.SetMinThreads(Math.Max(workers, o.Concurrency + 64), io);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSignalR().AddJsonProtocol(j => j.PayloadSerializerOptions = HallConnection.Json);
        _app = builder.Build();
        var app = _app;
        app.UseWebSockets();
        app.MapHub<LeastWorkHub>("/hubs/hall");
        app.MapPost("/api/auth/sign-in", () => Results.Ok());
        app.MapPost("/api/halls/{hall}/manage/devices", () => Results.Ok(new { id = "device", token = "least-work" }));
        app.MapGet("/api/halls", () => Results.Ok(_halls.Values.Select(h => new { id = h.Id, waiting = h.WaitingCount })));
        var windows = Enumerable.Range(1, Math.Max(1, o.Windows)).Select(no => new { no, categories = new[] { "general" } }).ToArray();
        app.MapGet("/api/halls/{hall}", (string hall) => _halls.ContainsKey(hall) ? Results.Ok(new { id = hall, windows }) : Results.NotFound());
        app.MapPost("/api/halls/{hall}/tickets", (string hall) => Act(hall, Take));
        app.MapPost("/api/halls/{hall}/windows/{no:int}/{action}", (string hall, int no, string action, IHubContext<LeastWorkHub> hub) =>
            Act(hall, h => action switch
            {
                "open" => h.Append(_log, $"WindowOpened {no}", () => Results.Ok(new { window = new { no } })),
                "complete" => h.Serving.TryGetValue(no, out var number)
                    ? h.Append(_log, $"ServiceCompleted {no} {number}", () =>
                    {
                        h.Serving.Remove(no);
                        return Results.Ok(new { ticket = new { number, status = "completed" } });
                    })
                    : Task.FromResult<IResult>(Results.Conflict()),
                "call-next" => h.Waiting.TryPeek(out var next) ? Call(h, no, next, hub) : Task.FromResult<IResult>(Results.NoContent()),
                _ => Task.FromResult<IResult>(Results.NotFound()),
            }));
        await app.StartAsync();
    }

    // A ticket-sized answer, about what the silo's 201 carries (it was ~600 bytes).
    private static readonly string Pad = new('x', 480);

    private Task<IResult> Take(Hall h)
    {
        var number = $"A{h.Issued + 1:D3}";
        return h.Append(_log!, $"TicketIssued {number}", () =>
        {
            h.Issued++;
            h.Waiting.Enqueue(number);
            return Results.Json(new { id = $"{h.Id}.{number}", hallId = h.Id, number, status = "waiting", pad = Pad }, statusCode: 201);
        });
    }

    // The call is durable before it is shown or answered; one frame to the hall's screens, serialized once for the group,
    // started in the hall's turn (so a hall's calls go out in order) and not awaited, as the silo's outbox does.
    private Task<IResult> Call(Hall h, int no, string number, IHubContext<LeastWorkHub> hub) =>
        h.Append(_log!, $"TicketCalled {no} {number}", () =>
        {
            h.Waiting.Dequeue();
            h.Serving[no] = number;
            _ = hub.Clients.Group(h.Id).SendAsync(nameof(IHallClient.TicketCalled),
                new CallView(h.Seq, number, no, $"{no}号窗口", "general", "综合受理", $"请{number}号到{no}号窗口", DateTimeOffset.UtcNow, false));
            return Results.Ok(new { ticket = new { number, status = "called" } });
        });

    // One command of a hall at a time, as the hall's single writer; halls run side by side.
    private async Task<IResult> Act(string hallId, Func<Hall, Task<IResult>> command)
    {
        if (!_halls.TryGetValue(hallId, out var h)) return Results.NotFound();
        await h.Turn.WaitAsync();
        try { return await command(h); }
        finally { h.Turn.Release(); }
    }

    public override Task<Recovery?> CrashAsync(string probeHall, string? probeToken) => Task.FromResult<Recovery?>(null);

    public override async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _log?.Dispose();
        if (_poolMinimum is { } minimum) ThreadPool.SetMinThreads(minimum.Workers, minimum.Io);
        Directory.Delete(_folder, recursive: true);
    }

    private sealed class Hall(string id)
    {
        public string Id { get; } = id;
        public readonly SemaphoreSlim Turn = new(1, 1);
        public readonly Queue<string> Waiting = new();
        public readonly Dictionary<int, string> Serving = [];
        public int Issued;
        public long Seq;
        public int WaitingCount => Volatile.Read(ref _waitingCount);
        private int _waitingCount;

        /// <summary>Appends the command's row and fdatasyncs it; then applies and answers (the caller holds <see cref="Turn"/>).</summary>
        public Task<IResult> Append(AppendLog log, string row, Func<IResult> applied)
        {
            log.AppendAndSync(Encoding.UTF8.GetBytes($"{Id}\t{++Seq}\t{row}\n"));
            var answer = applied();
            Volatile.Write(ref _waitingCount, Waiting.Count);
            return Task.FromResult(answer);
        }
    }
}

/// <summary>/hubs/hall of the least-work server: a screen joins its hall's group by the URL (?hall=…&amp;role=display) and
/// gets a HallState first, as on the silo, so <see cref="DisplayFleet"/> knows it is in.</summary>
public sealed class LeastWorkHub : Hub
{
    public override async Task OnConnectedAsync()
    {
        var hall = Context.GetHttpContext()?.Request.Query["hall"].ToString() ?? "";
        await Groups.AddToGroupAsync(Context.ConnectionId, hall);
        await Clients.Caller.SendAsync(nameof(IHallClient.HallState), new { hallId = hall });
    }
}

/// <summary>
/// One log file, appended from every hall and fdatasync'd per command. Preallocated with zeros, like SQLite's WAL that
/// the silo rewrites in place, so a sync does not also journal the file's growth.
/// </summary>
public sealed class AppendLog : IDisposable
{
    private const long Preallocated = 64 << 20;
    private readonly SafeFileHandle _file;
    private long _end;

    public AppendLog(string path)
    {
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite);
        var zeros = new byte[1 << 20];
        for (long at = 0; at < Preallocated; at += zeros.Length) RandomAccess.Write(_file, zeros, at);
        if (fsync(Fd) != 0) throw new IOException($"fsync failed: {Marshal.GetLastPInvokeError()}");
    }

    public void AppendAndSync(byte[] row)
    {
        RandomAccess.Write(_file, row, Interlocked.Add(ref _end, row.Length) - row.Length);
        if (fdatasync(Fd) != 0) throw new IOException($"fdatasync failed: {Marshal.GetLastPInvokeError()}");
    }

    private int Fd => _file.DangerousGetHandle().ToInt32();

    public void Dispose() => _file.Dispose();

    [DllImport("libc", SetLastError = true)]
    private static extern int fdatasync(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int fd);
}
