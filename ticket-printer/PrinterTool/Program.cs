using Queue.PrinterTool;

// queue-printer test-print --printer ADDRESS | status --printer ADDRESS | preview --out FILE
return await PrinterCommands.RunAsync(args);
