namespace Queue.Tests.Support;

/// <summary>How our child processes (the silo, queue-printer) are started: <c>dotnet some.dll …</c>.</summary>
public static class DotNet
{
    /// <summary>The dotnet host running the tests (the SDK says which in DOTNET_HOST_PATH), else "dotnet" on PATH.</summary>
    public static string Host => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
