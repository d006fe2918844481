using Microsoft.AspNetCore.SignalR;
using Queue.Contracts;
using Queue.Silo.Halls;

namespace Queue.Silo.Grains;

/// <summary>
/// Reminds a window's clerk when the called resident has not come: after the hall's recall limit (from the latest
/// call) to 重呼, after its no-show limit (from the first call of that ticket) to 过号; the clerk decides, the hall
/// grain records. The timers run on the halls' clock (TimeProvider) and come back into the grain as a call, so a
/// reminder is decided in the grain's own turn; the grain stays active while a call is open.
/// </summary>
public sealed class WindowGrain(HallCatalog catalog, IHubClients<IHallClient> clients, TimeProvider clock) : Grain, IWindowGrain
{
    private string _hallId = "";
    private int _windowNo;
    private string? _number;
    private DateTimeOffset _firstCalledAt;
    private ITimer? _recall;
    private ITimer? _noShow;

    public override Task OnActivateAsync(CancellationToken ct)
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.LastIndexOf('/');
        (_hallId, _windowNo) = (key[..slash], int.Parse(key[(slash + 1)..]));
        return Task.CompletedTask;
    }

    public Task Called(string ticketNumber, DateTimeOffset at, bool isRecall)
    {
        if (catalog.Find(_hallId) is not { } hall) return Task.CompletedTask;
        if (!isRecall || ticketNumber != _number)
        {
            (_number, _firstCalledAt) = (ticketNumber, at);
            _noShow = Replace(_noShow, "no-show", _firstCalledAt + TimeSpan.FromSeconds(hall.NoShowOfferSeconds));
        }
        _recall = Replace(_recall, "recall", at + TimeSpan.FromSeconds(hall.RecallReminderSeconds));
        return Task.CompletedTask;
    }

    public Task Answered(string? ticketNumber)
    {
        if (ticketNumber is not null && ticketNumber != _number) return Task.CompletedTask;
        _number = null;
        _recall?.Dispose();
        _noShow?.Dispose();
        (_recall, _noShow) = (null, null);
        return Task.CompletedTask;
    }

    private ITimer Replace(ITimer? timer, string kind, DateTimeOffset due)
    {
        timer?.Dispose();
        var after = due - clock.GetUtcNow();
        if (after > TimeSpan.Zero) DelayDeactivation(after + TimeSpan.FromMinutes(1));
        var self = this.AsReference<IWindowGrain>();
        var number = _number!;
        return clock.CreateTimer(_ => self.Remind(kind, number), null, after > TimeSpan.Zero ? after : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public Task Remind(string kind, string ticketNumber)
    {
        if (_number is not { } number || number != ticketNumber) return Task.CompletedTask;
        var now = clock.GetUtcNow();
        var seconds = (int)(now - _firstCalledAt).TotalSeconds;
        var message = kind == "recall"
            ? $"{number} 叫号后 {Minutes(seconds)} 仍未到窗口，可按“重呼”再叫一次"
            : $"{number} 叫号已 {Minutes(seconds)} 未到，可按“过号”，群众回来后可恢复";
        if (kind == "no-show") Answered(null); // offered once; the clerk decides
        return clients.Group(HallGroups.Window(_hallId, _windowNo))
            .WindowReminder(new WindowReminderView(_windowNo, number, kind, seconds, message, now));
    }

    private static string Minutes(int seconds) => seconds < 120 ? $"{seconds} 秒" : $"{seconds / 60} 分钟";
}
