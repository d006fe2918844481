using System.Threading.Channels;
using Queue.Screens;

namespace Queue.DisplayAgent;

/// <summary>
/// One configured screen at run time. Its own task talks to the driver, so a slow or dead panel
/// never delays the others: the agent only states what the screen should show (<see cref="Want"/>),
/// and the task sends it when it differs from what was shown, retries after failures and probes
/// the panel's health now and then.
/// </summary>
public sealed class ScreenSlot(ScreenConfig config, IScreenDriver driver, TimeSpan probeEvery, Action<string> log)
{
    static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(2);
    readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    readonly Lock _gate = new();
    ScreenContent? _want;
    bool _force, _checked;

    public ScreenConfig Config { get; } = config;
    public IScreenDriver Driver { get; } = driver;
    /// <summary>What the panel last accepted; null when unknown (after a failure or a panel restart).</summary>
    public ScreenContent? Shown { get; private set; }
    public ScreenHealth Health { get; private set; } = new(false, "not checked yet", DateTimeOffset.UtcNow);
    /// <summary>Raised when Health flips between healthy and not.</summary>
    public event Action<ScreenSlot>? HealthChanged;

    /// <summary>States what the screen should show; <paramref name="force"/> re-sends even if unchanged (rebuild after HallState).</summary>
    public void Want(ScreenContent content, bool force)
    {
        lock (_gate)
        {
            if (!force && content == _want) return;
            _want = content;
            _force |= force;
        }
        _wake.Writer.TryWrite(true);
    }

    public async Task RunAsync(CancellationToken ct)
    {
        try { await Driver.OpenAsync(ct); }
        catch (Exception e) when (IsDeviceError(e)) { SetHealth(ScreenHealth.Failed(e.Message, DateTimeOffset.UtcNow)); }

        var nextProbe = DateTimeOffset.UtcNow;
        var retryAt = DateTimeOffset.MinValue;
        while (!ct.IsCancellationRequested)
        {
            var now = DateTimeOffset.UtcNow;
            if (now >= nextProbe)
            {
                await ProbeAsync(ct);
                nextProbe = DateTimeOffset.UtcNow + probeEvery;
            }
            ScreenContent? want;
            bool force;
            lock (_gate) (want, force, _force) = (_want, _force, false);
            if (want is not null && (force || want != Shown) && (force || now >= retryAt))
                retryAt = await ShowAsync(want, ct) ? DateTimeOffset.MinValue : DateTimeOffset.UtcNow + RetryAfter;

            var until = retryAt > DateTimeOffset.UtcNow && want != Shown ? Min(nextProbe, retryAt) : nextProbe;
            await WaitAsync(until - DateTimeOffset.UtcNow, ct);
        }
    }

    async Task<bool> ShowAsync(ScreenContent want, CancellationToken ct)
    {
        try
        {
            if (want.Mode == ScreenMode.Blank) await Driver.BlankAsync(ct);
            else await Driver.ShowAsync(want, ct);
            Shown = want;
            return true;
        }
        catch (Exception e) when (IsDeviceError(e))
        {
            Shown = null;
            SetHealth(ScreenHealth.Failed(e.Message, DateTimeOffset.UtcNow));
            return false;
        }
    }

    async Task ProbeAsync(CancellationToken ct)
    {
        ScreenHealth health;
        try { health = await Driver.CheckAsync(ct); }
        catch (Exception e) when (IsDeviceError(e)) { health = ScreenHealth.Failed(e.Message, DateTimeOffset.UtcNow); }
        // A panel that comes back may have rebooted blank: show everything again.
        if (health.Healthy && !Health.Healthy) Shown = null;
        SetHealth(health);
    }

    void SetHealth(ScreenHealth health)
    {
        bool first = !_checked, flipped = health.Healthy != Health.Healthy;
        _checked = true;
        Health = health;
        if (!flipped) return;
        if (!(first && health.Healthy)) // a panel that is fine from the start is not news
            log(health.Healthy ? $"screen {Config.Id}: healthy again" : $"screen {Config.Id}: unhealthy: {health.Error}");
        HealthChanged?.Invoke(this);
    }

    async Task WaitAsync(TimeSpan delay, CancellationToken ct)
    {
        if (delay <= TimeSpan.Zero) return;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(delay);
        try { await _wake.Reader.ReadAsync(timeout.Token); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }

    static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    static bool IsDeviceError(Exception e) =>
        e is IOException or TimeoutException or UnauthorizedAccessException or FormatException or ArgumentException;
}
