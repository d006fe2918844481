using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Queue.Contracts;
using Queue.Displays.Hub;
using Queue.Silo.Privacy;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Privacy;

/// <summary>A resident's name and phone, from the booking desk to the disk: sealed at rest, masked when shown, nowhere else.</summary>
public class PersonalDataTests
{
    public const string Name = "欧阳娜娜";
    public const string Phone = "13812345678";

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("王小明", "王**")]
    [InlineData("欧阳娜娜", "欧***")]
    [InlineData("李", "*")]
    [InlineData("𠀀明", "𠀀*")]   // a name character outside the BMP is one character, not two halves
    public void A_name_keeps_its_first_character_and_stars_the_rest(string name, string shown) =>
        Assert.Equal(shown, PersonalData.MaskName(name));

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("19912345678", true)]
    [InlineData("12812345678", false)]
    [InlineData("1381234567", false)]
    [InlineData("138123456789", false)]
    [InlineData("+8613812345678", false)]
    [InlineData("1381234567８", false)]   // a full-width digit is not a digit of a phone number
    public void A_phone_is_a_mainland_mobile_number(string phone, bool valid) => Assert.Equal(valid, PersonalData.IsPhone(phone));

    [Fact]
    public async Task An_appointment_shows_its_name_and_phone_only_masked_and_malformed_ones_are_refused_changing_nothing()
    {
        await using var silo = new SiloApplication();
        var http = silo.Client();
        var booked = await Book(http, silo, " 张三 ", " 13812345678 ");
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var answer = await HallApi.Body(booked);
        Assert.Equal(("张*", "138****5678"), (answer.GetProperty("name").GetString(), answer.GetProperty("phone").GetString()));
        var shown = await http.GetOk(booked.Headers.Location!.ToString());
        Assert.Equal(("张*", "138****5678", answer.GetProperty("code").GetString()),
            (shown.GetProperty("name").GetString(), shown.GetProperty("phone").GetString(), shown.GetProperty("code").GetString()));

        var without = await HallApi.Body(await Book(http, silo, name: "", phone: null));
        Assert.False(without.TryGetProperty("name", out _) || without.TryGetProperty("phone", out _), without.ToString());
        await HallApi.AssertProblem(await http.GetAsync("/api/halls/xuanen/manage/appointments/NOPE2345"), HttpStatusCode.NotFound, "appointment-not-found");

        var seq = (await http.HallOk()).GetProperty("seq").GetInt64();
        await HallApi.AssertProblem(await Book(http, silo, "张三", "12812345678"), HttpStatusCode.BadRequest, "phone-invalid");
        await HallApi.AssertProblem(await Book(http, silo, "张三", "138-1234-5678"), HttpStatusCode.BadRequest, "phone-invalid");
        await HallApi.AssertProblem(await Book(http, silo, new string('长', PersonalData.MaxNameLength + 1), Phone), HttpStatusCode.BadRequest, "name-invalid");
        await HallApi.AssertProblem(await Book(http, silo, "张\n三", Phone), HttpStatusCode.BadRequest, "name-invalid");
        Assert.Equal(seq, (await http.HallOk()).GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task The_plain_name_and_phone_are_in_no_file_hub_message_answer_log_or_printed_ticket()
    {
        var logs = new CapturedLogs();
        await using var silo = new SiloApplication(kestrel: true,
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Trace", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace" },
            // Only the capture: every line is read here, none printed.
            services: s => s.RemoveAll<ILoggerProvider>().AddSingleton<ILoggerProvider>(logs));
        var http = silo.Client();
        var kiosk = silo.DeviceClient((await http.PairOk("kiosk", "k1")).Token);
        var printAgent = (await http.PairOk("print-agent", "k1")).Token;
        await using var tv = await RawHub.Join(silo.BaseAddress, "hall=xuanen&role=display");
        await using var windowScreen = await RawHub.Join(silo.BaseAddress, "hall=xuanen&role=window&window=26");
        await using var printer = await RawHub.Join(silo.BaseAddress, $"hall=xuanen&role=printer&kiosk=k1&access_token={printAgent}");

        var answers = new List<string>();
        var booked = await Book(http, silo, Name, Phone);
        answers.Add(await booked.Content.ReadAsStringAsync());
        answers.Add((await http.GetOk(booked.Headers.Location!.ToString())).ToString());
        var code = (await HallApi.Body(booked)).GetProperty("code").GetString()!;
        var ticket = await kiosk.TakeOk(new { appointmentCode = code });
        answers.Add(ticket.ToString());
        var id = ticket.GetProperty("id").GetString()!;
        await using var phone = await RawHub.Join(silo.BaseAddress, $"hall=xuanen&role=ticket&ticket={id}");
        answers.Add(await (await http.GetAsync($"/api/halls/xuanen/tickets/{id}/preview")).Content.ReadAsStringAsync());
        answers.Add(await (await http.Ticket(id)).Content.ReadAsStringAsync());
        await http.OpenWindow(26);
        answers.Add((await http.ActOk(26, "call-next")).ToString());
        answers.Add(await http.HallJson());
        await Wait.Until(() => tv.Heard("TicketCalled") && windowScreen.Heard("WindowChanged") && printer.Heard("PrintTicket") && phone.Heard("TicketChanged"),
            TimeSpan.FromSeconds(10), "the screens, the phone and the printer to hear of the appointment's ticket");

        // Sealed, not dropped: the log holds ciphertext that the silo's keys open to the resident's own values.
        var (sealedName, sealedPhone) = SealedInLog(silo.DatabasePath).Single();
        var personal = silo.Services.GetRequiredService<PersonalData>();
        Assert.Equal((Name, Phone), (personal.Unprotect(sealedName), personal.Unprotect(sealedPhone)));

        foreach (var file in DataFiles(silo.DatabasePath)) Assert.False(Holds(File.ReadAllBytes(file), Name, Phone), $"{file} holds them in plain text");
        foreach (var (where, text) in tv.Messages.Concat(windowScreen.Messages).Concat(printer.Messages).Concat(phone.Messages)
            .Concat(answers.Select(a => ("answer", a))).Concat(logs.Lines.Select(l => ("log", l))))
            Assert.False(Holds(Encoding.UTF8.GetBytes(text), Name, Phone), $"{where} holds them in plain text: {text}");
        Assert.True(logs.Lines.Count > 0, "no log line was captured: the scan saw nothing");
    }

    [Fact]
    public async Task The_store_and_its_keys_are_readable_by_the_silos_user_only()
    {
        const UnixFileMode file = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        const UnixFileMode folder = file | UnixFileMode.UserExecute;
        var path = Path.Combine(Path.GetTempPath(), $"queue-test-{Guid.NewGuid():N}", "queue.db");
        for (var start = 1; start <= 2; start++)
        {
            await using var silo = new SiloApplication(path);
            Assert.Equal(HttpStatusCode.Created, (await Book(silo.Client(), silo, Name, Phone)).StatusCode);   // signs in: the first key is written
            var keys = Path.Combine(Path.GetDirectoryName(path)!, "keys");
            Assert.Equal(folder, File.GetUnixFileMode(Path.GetDirectoryName(path)!));
            Assert.Equal(folder, File.GetUnixFileMode(keys));
            Assert.NotEmpty(Directory.GetFiles(keys, "*.xml"));
            foreach (var f in DataFiles(path).Concat(Directory.GetFiles(keys)))
                Assert.True(file == File.GetUnixFileMode(f), $"{f} is {File.GetUnixFileMode(f)}");
            Assert.Equal(3, DataFiles(path).Count());   // queue.db, its -wal and its -shm, while the silo runs
            // As an older silo left them: the next start makes them the owner's only again.
            foreach (var f in DataFiles(path).Append(keys)) File.SetUnixFileMode(f, File.GetUnixFileMode(f) | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    /// <summary>Books a slot three minutes from now at the hall's estate category, with this name and phone.</summary>
    public static Task<HttpResponseMessage> Book(HttpClient http, SiloApplication silo, string? name, string? phone)
    {
        var now = silo.Clock.GetUtcNow();
        return http.PostAsJsonAsync("/api/halls/xuanen/manage/appointments",
            new { categoryCode = "estate", slotStart = now.AddMinutes(3), slotEnd = now.AddMinutes(33), name, phone });
    }

    /// <summary>The sealed name and phone of every AppointmentBooked event in the SQLite log, as stored.</summary>
    public static List<(string? Name, string? Phone)> SealedInLog(string databasePath)
    {
        using var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        c.Open();
        using var q = c.CreateCommand();
        q.CommandText = "SELECT json_extract(body, '$.name'), json_extract(body, '$.phone') FROM hall_event WHERE kind = 'AppointmentBooked' ORDER BY rowid";
        using var r = q.ExecuteReader();
        var found = new List<(string?, string?)>();
        while (r.Read()) found.Add((r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)));
        return found;
    }

    /// <summary>The SQLite file and the -wal and -shm beside it, those that exist.</summary>
    public static IEnumerable<string> DataFiles(string databasePath) =>
        new[] { databasePath, databasePath + "-wal", databasePath + "-shm" }.Where(File.Exists);

    /// <summary>Whether the bytes hold any of the values as UTF-8, or as a JSON string escapes them (\u6B27…).</summary>
    public static bool Holds(byte[] bytes, params string[] values) => values
        .SelectMany(v => new[] { v, JsonSerializer.Serialize(v).Trim('"'), JsonSerializer.Serialize(v).Trim('"').ToLowerInvariant() })
        .Any(v => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(v)) >= 0);

    /// <summary>A hub connection that keeps every message as the raw JSON the silo sent.</summary>
    private sealed class RawHub : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly ConcurrentQueue<(string Target, string Json)> _messages = new();

        private RawHub(Uri url)
        {
            _connection = HallConnection.Build(url, HubBackoff.Default);
            foreach (var target in typeof(IHallClient).GetMethods().Select(m => m.Name))
                _connection.On<JsonElement>(target, body => _messages.Enqueue((target, body.GetRawText())));
        }

        public IEnumerable<(string Target, string Json)> Messages => _messages;
        public bool Heard(string target) => _messages.Any(m => m.Target == target);

        public static async Task<RawHub> Join(Uri baseAddress, string query)
        {
            var hub = new RawHub(new Uri(baseAddress, $"/hubs/hall?{query}"));
            await hub._connection.StartAsync();
            return hub;
        }

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }

    /// <summary>Every formatted log line, with its exception.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string category) => new Logger(category, Lines);
        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel level) => true;
            public void Log<TState>(LogLevel level, EventId id, TState state, Exception? error, Func<TState, Exception?, string> format) =>
                lines.Enqueue($"{category}: {format(state, error)} {error}");
        }
    }
}
