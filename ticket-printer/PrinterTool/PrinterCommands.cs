using System.CommandLine;
using System.CommandLine.Parsing;
using Queue.Printing;
using Queue.Devices;
using Queue.Displays.Hub;

namespace Queue.PrinterTool;

/// <summary>The command table of queue-printer; each action returns an <see cref="ExitCodes"/> value.</summary>
public static class PrinterCommands
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    private static readonly Option<string> Printer = new("--printer")
    {
        Description = "serial:///dev/ttyUSB0?baud=9600[&parity=none|odd|even&stopbits=1|2&flow=none|rtscts|xonxoff], usb:///dev/usb/lp0 or tcp://192.168.1.50:9100",
        Required = true,
        Validators = { CheckAddress },
    };
    private static readonly Option<int> Paper = new("--paper")
    {
        Description = "Paper width in mm: 58 (32 columns) or 80 (48 columns)",
        DefaultValueFactory = _ => 80,
    };
    private static readonly Option<string> Cut = new("--cut") { Description = "full, partial or none", DefaultValueFactory = _ => "partial" };
    private static readonly Option<string> Qr = new("--qr") { Description = "native (GS ( k) or raster (for printers without QR support)", DefaultValueFactory = _ => "native" };
    private static readonly Option<string> Url = new("--url") { Description = "Link in the sample ticket's QR code", DefaultValueFactory = _ => SampleTicket.DefaultStatusUrl };
    private static readonly Option<string> Out = new("--out") { Description = "Preview file: FILE.html or FILE.png (PNG needs chromium)", Required = true };
    private static readonly Option<int> ReplyTimeout = new("--reply-timeout")
    {
        Description = "How long to wait for the printer's status reply, in ms (slow USB-serial adapters may need more)",
        DefaultValueFactory = _ => 500,
    };
    private static readonly Option<string> Silo = new("--silo") { Description = "The silo's address, e.g. http://192.168.1.10:5000", Required = true };
    private static readonly Option<string> Hall = new("--hall") { Description = "Hall id, e.g. xuanen", Required = true };
    private static readonly Option<string> Kiosk = new("--kiosk") { Description = "This kiosk's id, as its page sends it (kioskId), e.g. k1", Required = true };
    private static readonly Option<string> Token = new("--token")
    {
        Description = $"The token the manager dashboard showed when pairing a print-agent device named this kiosk's id (else {DeviceToken.EnvironmentVariable}, which keeps it out of ps)",
    };

    public static RootCommand Build()
    {
        Paper.AcceptOnlyFromAmong("58", "80");
        Cut.AcceptOnlyFromAmong("full", "partial", "none");
        Qr.AcceptOnlyFromAmong("native", "raster");
        Out.Validators.Add(result =>
        {
            var file = result.GetValueOrDefault<string>() ?? "";
            if (Path.GetExtension(file).ToLowerInvariant() is not (".html" or ".htm" or ".png"))
                result.AddError($"--out '{file}' must end in .html or .png.");
        });

        ReplyTimeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 50 or > 60_000) result.AddError("--reply-timeout is 50 to 60000 ms.");
        });
        var testPrint = new Command("test-print", "Print a sample ticket and report the printer status") { Printer, Paper, Cut, Qr, Url, ReplyTimeout };
        testPrint.SetAction((parse, ct) => PrinterActions.TestPrintAsync(Address(parse), Profile(parse), parse.GetValue(Url)!, ConnectTimeout, Reply(parse), ct));

        var status = new Command("status", "Report the printer status only (DLE EOT)") { Printer, ReplyTimeout };
        status.SetAction((parse, ct) => PrinterActions.StatusAsync(Address(parse), ConnectTimeout, Reply(parse), ct));

        var preview = new Command("preview", "Render the sample ticket through the virtual printer to HTML or PNG") { Out, Paper, Cut, Qr, Url };
        preview.SetAction((parse, ct) => PrinterActions.PreviewAsync(parse.GetValue(Out)!, Profile(parse), parse.GetValue(Url)!, ct));

        Silo.Validators.Add(result =>
        {
            var text = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                result.AddError($"--silo '{text}' must be an absolute http(s) address such as http://192.168.1.10:5000.");
        });
        foreach (var id in new[] { Hall, Kiosk })
            id.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string>() is not { Length: > 0 and <= 64 }) result.AddError($"{id.Name} must be 1 to 64 characters.");
            });
        var agent = new Command("agent", "Kiosk print agent: print this kiosk's tickets from the silo and report the printer's status")
            { Silo, Hall, Kiosk, Token, Printer, Paper, Cut, Qr };
        agent.Validators.Add(result =>
        {
            if (DeviceToken.Choose(result.GetValue(Token)) is not { } token)
                result.AddError($"需要设备令牌 / A device token is required: pair a print-agent device named the kiosk id in the manager dashboard and give its token as --token or {DeviceToken.EnvironmentVariable}.");
            else if (DeviceToken.Problem(token) is { } malformed)
                result.AddError(malformed);
        });
        agent.SetAction((parse, ct) => PrintAgent.RunUntilStoppedAsync(new AgentSettings(new Uri(parse.GetValue(Silo)!), parse.GetValue(Hall)!,
            parse.GetValue(Kiosk)!, DeviceToken.Choose(parse.GetValue(Token))!, Address(parse), Profile(parse)), ct));

        return new RootCommand("queue-printer: install and check ticket printers for 一窗通办 Queue") { testPrint, status, preview, agent };
    }

    /// <summary>Parses, answers bad arguments with exit code 2 (System.CommandLine's own default is 1), runs the action.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) await Console.Error.WriteLineAsync("参数错误 / Bad argument: " + error.Message);
            await Console.Error.WriteLineAsync("Run 'queue-printer --help' for usage.");
            return ExitCodes.BadArguments;
        }
        return await parse.InvokeAsync();
    }

    private static void CheckAddress(OptionResult result)
    {
        if (!DeviceAddress.TryParse(result.GetValueOrDefault<string>(), out _, out var error)) result.AddError(error);
    }

    private static TimeSpan Reply(ParseResult parse) => TimeSpan.FromMilliseconds(parse.GetValue(ReplyTimeout));

    private static DeviceAddress Address(ParseResult parse) => DeviceAddress.Parse(parse.GetValue(Printer)!);

    private static PrinterProfile Profile(ParseResult parse) => PrinterProfile.ForPaper(parse.GetValue(Paper)) with
    {
        Cut = Enum.Parse<CutMode>(parse.GetValue(Cut)!, ignoreCase: true),
        Qr = Enum.Parse<QrMode>(parse.GetValue(Qr)!, ignoreCase: true),
    };
}
