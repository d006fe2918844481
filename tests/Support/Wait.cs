namespace Queue.Tests.Support;

/// <summary>
/// The one polling wait with a deadline, for things that happen on other threads or in other processes.
/// Fails with a <see cref="TimeoutException"/> naming what was awaited (plus <c>detail</c>, read at that
/// moment, e.g. a process's output). A condition or probe that throws ends the wait with its exception.
/// </summary>
public static class Wait
{
    /// <summary>Asks again every 20 ms until <paramref name="condition"/> holds.</summary>
    public static Task Until(Func<bool> condition, TimeSpan timeout, string what, Func<string>? detail = null) =>
        Poll(() => Task.FromResult(condition() ? true : (bool?)null), TimeSpan.FromMilliseconds(20), timeout, what, detail);

    /// <summary>Asks again every 50 ms (or <paramref name="every"/>) until <paramref name="condition"/>, an HTTP call say, answers true.</summary>
    public static Task Until(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? detail = null, TimeSpan? every = null) =>
        Poll(async () => await condition() ? true : (bool?)null, every ?? TimeSpan.FromMilliseconds(50), timeout, what, detail);

    /// <summary>Asks again every 50 ms until <paramref name="probe"/> has an answer, and returns it.</summary>
    public static Task<T> For<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, Func<string>? detail = null) where T : struct =>
        Poll(probe, TimeSpan.FromMilliseconds(50), timeout, what, detail);

    private static async Task<T> Poll<T>(Func<Task<T?>> probe, TimeSpan every, TimeSpan timeout, string what, Func<string>? detail)
        where T : struct
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } found) return found;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Waited {timeout.TotalSeconds} s for: {what}" + (detail is null ? "" : "\n" + detail()));
            await Task.Delay(every);
        }
    }
}
