using Queue.PrinterTool;

// queue-printer test-print --printer ADDRESS | status --printer ADDRESS | preview --out FILE
//               | agent --silo URL --hall ID --kiosk ID [--token TOKEN, else QUEUE_DEVICE_TOKEN] --printer ADDRESS
return await PrinterCommands.RunAsync(args);
