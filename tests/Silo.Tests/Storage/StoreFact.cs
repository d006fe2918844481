using Xunit.Abstractions;
using Xunit.Sdk;

namespace Queue.Silo.Tests.Storage;

/// <summary>
/// A test of <see cref="EventStoreTests{TStore}"/>, run once per store class. The class's <see cref="LogAttribute"/>
/// says whether its store can run here; a test inherited by every store cannot carry that decision itself.
/// </summary>
[XunitTestCaseDiscoverer("Queue.Silo.Tests.Storage.StoreFactDiscoverer", "Queue.Silo.Tests")]
public sealed class StoreFactAttribute : FactAttribute
{
    /// <summary>The test makes the store fail (a full disk, a server that refuses connections).</summary>
    public bool Outage { get; set; }
}

/// <summary>Which log a store test class runs on, and why it cannot run here (null when it can).</summary>
[AttributeUsage(AttributeTargets.Class)]
public abstract class LogAttribute : Attribute
{
    public abstract string? SkipReason(bool outage);
}

public sealed class SqliteLogAttribute : LogAttribute
{
    public override string? SkipReason(bool outage) =>
        outage && !Environment.IsPrivilegedProcess ? "needs root to mount a small tmpfs for the full-disk test (CI runs as root)" : null;
}

public sealed class PostgresLogAttribute : LogAttribute
{
    public override string? SkipReason(bool outage) => TestPostgres.SkipReason;
}

public sealed class StoreFactDiscoverer(IMessageSink sink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions options, ITestMethod method, IAttributeInfo fact)
    {
        var log = method.TestClass.Class.ToRuntimeType().GetCustomAttributes(typeof(LogAttribute), inherit: true).Cast<LogAttribute>().Single();
        var (display, displayOptions) = (options.MethodDisplayOrDefault(), options.MethodDisplayOptionsOrDefault());
        yield return log.SkipReason(fact.GetNamedArgument<bool>(nameof(StoreFactAttribute.Outage))) is { } reason
            ? new XunitSkippedDataRowTestCase(sink, display, displayOptions, method, reason)
            : new XunitTestCase(sink, display, displayOptions, method);
    }
}
