using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Cluster;

/// <summary>
/// Kiosks (paired kiosk devices) and clerks (signed-in accounts) of many halls, all through one address (nginx), at a
/// bounded pace. They behave as the real ones do: a request that gets no answer, or a 5xx, is sent again with the same
/// Idempotency-Key until it is answered. Everything acknowledged is noted for the checks. The busiest hall has two
/// kiosks and two windows going faster; every other hall has one kiosk and one window.
/// </summary>
public sealed class HallLoad : IAsyncDisposable
{
    public sealed record Ticket(string Hall, string Id, string Number);
    public sealed record Answered(string Hall, DateTimeOffset Sent, DateTimeOffset At);

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);   // longer than nginx's 7 s, which then marks a stalled silo
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(50);   // a device's pause before asking again
    private readonly CancellationTokenSource _stop = new();
    private readonly List<HttpClient> _clients = [];
    private readonly List<Task> _actors = [];

    public string Busiest { get; }
    public ConcurrentQueue<Ticket> Tickets { get; } = new();
    /// <summary>The numbers each hall's clerks were answered with by call-next.</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<string>> Called { get; } = new();
    public ConcurrentQueue<Answered> Answers { get; } = new();
    /// <summary>Answers no kiosk or clerk should ever get (a 4xx): a bug, reported by the test.</summary>
    public ConcurrentQueue<string> Unexpected { get; } = new();
    /// <summary>A clerk told there was nothing to complete at their window.</summary>
    public sealed record NothingToComplete(string Hall, int Window, DateTimeOffset Sent, DateTimeOffset At, string Trail);
    /// <summary>Clerks told their window had no ticket to complete: right only when the window's ticket was cancelled by
    /// its resident meanwhile (a test's own cancels), which only the log can tell.</summary>
    public ConcurrentQueue<NothingToComplete> NothingCompleted { get; } = new();
    /// <summary>Every attempt of each hall's clerks, for explaining an unexpected answer: when, what, which silo answered.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _trails = new();

    private HallLoad(string busiest) => Busiest = busiest;

    /// <summary>A kiosk's or clerk's pause between two residents.</summary>
    private TimeSpan Pace(string hall) => TimeSpan.FromMilliseconds(hall == Busiest ? 80 : 1000);

    /// <summary>Pairs the kiosks and creates the clerks' accounts through <paramref name="front"/> as the admin, opens
    /// the windows, and sets everyone going until <see cref="Stop"/>.</summary>
    public static async Task<HallLoad> Start(NginxFront front, IReadOnlyList<string> halls, string busiest)
    {
        var load = new HallLoad(busiest);
        using var admin = front.Client();
        await admin.CreateUserOk("clerk-a", "clerk", [.. halls]);
        await admin.CreateUserOk("clerk-b", "clerk", busiest);
        var clerkA = load.Own(front.Client("clerk-a", RequestTimeout));
        var clerkB = load.Own(front.Client("clerk-b", RequestTimeout));
        var kiosks = await Task.WhenAll(halls.SelectMany(hall => Enumerable.Range(1, hall == busiest ? 2 : 1).Select(async k =>
            (Hall: hall, (await admin.PairOk("kiosk", $"k{k}", hall)).Token))));
        foreach (var (hall, token) in kiosks) load._actors.Add(load.Kiosk(load.Own(front.DeviceClient(token, RequestTimeout)), hall, load.Pace(hall)));
        foreach (var hall in halls) load._actors.Add(load.Clerk(clerkA, hall, 1, load.Pace(hall)));
        load._actors.Add(load.Clerk(clerkB, busiest, 2, load.Pace(busiest)));
        return load;
    }

    public int TakenIn(string hall) => Tickets.Count(t => t.Hall == hall);

    /// <summary>When <paramref name="hall"/> first answered a request sent at or after <paramref name="since"/>; null if not yet.</summary>
    public DateTimeOffset? AnsweredAgain(string hall, DateTimeOffset since) =>
        Answers.Where(a => a.Hall == hall && a.Sent >= since).Select(a => (DateTimeOffset?)a.At).Min();

    /// <summary>Everyone finishes what they are doing (asking again until answered) and stops; fails if that takes over 20 s.</summary>
    public async Task Stop()
    {
        await _stop.CancelAsync();
        var all = Task.WhenAll(_actors);
        if (await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(20))) != all)
            throw new TimeoutException("The kiosks and clerks were not answered within 20 s of stopping");
        await all;
    }

    private HttpClient Own(HttpClient client)
    {
        _clients.Add(client);
        return client;
    }

    private Task Kiosk(HttpClient kiosk, string hall, TimeSpan pace) => Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            var key = Guid.NewGuid().ToString();
            var (status, body) = await UntilAnswered(hall, () => kiosk.Take(new { categoryCode = "general" }, hall, key));
            if (status == HttpStatusCode.Created)
                Tickets.Enqueue(new Ticket(hall, body.GetProperty("id").GetString()!, body.GetProperty("number").GetString()!));
            else Unexpected.Enqueue($"kiosk of {hall}: {(int)status} {body}");
            await Pause(pace);
        }
    });

    private Task Clerk(HttpClient clerk, string hall, int window, TimeSpan pace) => Task.Run(async () =>
    {
        var called = Called.GetOrAdd(hall, _ => new());
        if ((await Act(clerk, hall, window, "open")).Status != HttpStatusCode.OK) return;
        while (!_stop.IsCancellationRequested)
        {
            var (status, answer) = await Act(clerk, hall, window, "call-next", "window-busy");
            if (status == HttpStatusCode.OK) called.Enqueue(answer.TicketNumber());
            // A hall that calls by itself (autoCall) gave the window a ticket as it was issued: finish that one first. Nothing
            // to complete is noted, for the test to check with the log.
            var sent = DateTimeOffset.UtcNow;
            if (status is HttpStatusCode.OK or HttpStatusCode.Conflict
                && (await Act(clerk, hall, window, "complete", "no-current-ticket")).Status == HttpStatusCode.Conflict)
                NothingCompleted.Enqueue(new(hall, window, sent, DateTimeOffset.UtcNow, Trail(hall, window)));
            await Pause(pace);
        }
    });

    /// <summary>A window action asked until answered. A refusal other than <paramref name="expected"/> is noted as unexpected.</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> Act(HttpClient clerk, string hall, int window, string action, string? expected = null)
    {
        var key = Guid.NewGuid().ToString();
        var trail = _trails.GetOrAdd($"{hall} {window}", _ => new());
        var (status, body) = await UntilAnswered(hall, () => clerk.Act(window, action, hall: hall, key: key), (sent, answer) =>
            trail.Enqueue($"{sent:HH:mm:ss.fff} {action} {key[..8]}: {answer}"));
        if (status is not (HttpStatusCode.OK or HttpStatusCode.NoContent)
            && !(expected is not null && body.ValueKind == JsonValueKind.Object && body.TryGetProperty("code", out var code) && code.GetString() == expected))
            Unexpected.Enqueue($"clerk-{window} of {hall} {action}: {(int)status} {body}{Trail(hall, window)}");
        return (status, body);
    }

    private string Trail(string hall, int window) =>
        "\n  its last attempts:\n    " + string.Join("\n    ", _trails.GetValueOrDefault($"{hall} {window}")?.TakeLast(12) ?? []);

    /// <summary>Sends until the silos answer other than 5xx (nginx's 502 for a silo that died mid-request included);
    /// <paramref name="attempted"/> hears each attempt's outcome, with the silos nginx tried (its X-Upstream).</summary>
    private async Task<(HttpStatusCode Status, JsonElement Body)> UntilAnswered(string hall, Func<Task<HttpResponseMessage>> send,
        Action<DateTimeOffset, string>? attempted = null)
    {
        while (true)
        {
            var sent = DateTimeOffset.UtcNow;
            try
            {
                using var response = await send();
                attempted?.Invoke(sent, $"{(int)response.StatusCode} at {DateTimeOffset.UtcNow:HH:mm:ss.fff} from " +
                    (response.Headers.TryGetValues("X-Upstream", out var silos) ? string.Join(",", silos) : "?"));
                if ((int)response.StatusCode < 500)
                {
                    Answers.Enqueue(new Answered(hall, sent, DateTimeOffset.UtcNow));
                    return (response.StatusCode, await HallApi.Body(response));
                }
            }
            catch (HttpRequestException e) { attempted?.Invoke(sent, e.Message); }
            catch (TaskCanceledException) { attempted?.Invoke(sent, "no answer"); }   // the client's own timeout
            await Task.Delay(Retry);
        }
    }

    private async Task Pause(TimeSpan pace)
    {
        try { await Task.Delay(pace, _stop.Token); }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
        foreach (var c in _clients) c.Dispose();
        _stop.Dispose();
    }
}
