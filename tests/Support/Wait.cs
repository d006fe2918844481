namespace Queue.Tests.Support;

/// <summary>Polling waits with a deadline, for things that happen on other threads.</summary>
public static class Wait
{
    public static async Task Until(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Waited {timeout.TotalSeconds} s for: {what}");
            await Task.Delay(20);
        }
    }

}
