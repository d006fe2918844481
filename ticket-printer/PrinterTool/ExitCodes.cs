namespace Queue.PrinterTool;

/// <summary>Process exit codes, stable for installer scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Anything else went wrong (permissions, Chromium missing, I/O).</summary>
    public const int Failure = 1;
    public const int BadArguments = 2;
    /// <summary>The printer did not answer, is not ready, or failed the job.</summary>
    public const int PrinterNotReady = 3;
}
