using System.Net;
using System.Net.Http.Json;
using Queue.Tests.Support;
using static Queue.Silo.Tests.Privacy.PersonalDataTests;

namespace Queue.Silo.Tests.Privacy;

/// <summary>Privacy:RetentionDays after an appointment's slot, its name and phone leave the store (PIPL: no longer than needed).</summary>
public class PersonalDataRetentionTests
{
    [Fact]
    public async Task Past_the_retention_the_name_and_phone_leave_the_file_and_the_hall_replays_to_the_same_state()
    {
        var settings = new Dictionary<string, string> { ["Privacy:RetentionDays"] = "7" };
        string path, before, code;
        DateTimeOffset now;
        await using (var silo = new SiloApplication(settings: settings))
        {
            path = silo.DatabasePath;
            var http = silo.Client();
            code = (await HallApi.Body(await Book(http, silo, Name, Phone))).GetProperty("code").GetString()!;
            Assert.Equal(HttpStatusCode.Created, (await Book(http, silo, null, null)).StatusCode);
            // State that outlives the day, for the replay to rebuild.
            await http.PostOk("/api/halls/xuanen/manage/notice", new { text = "今日中午不打烊" });
            Assert.Equal(HttpStatusCode.OK, (await http.PutAsJsonAsync("/api/halls/xuanen/manage/windows/1/categories", new { categories = new[] { "general", "tax" } })).StatusCode);
            var (sealedName, sealedPhone) = SealedInLog(path)[0];
            Assert.True(Holds(AllBytes(path), sealedName!, sealedPhone!), "the sealed values are not in the file before the purge: the test would prove nothing");

            // The slot ended 33 minutes after booking; 7 days and an hour later the hourly purge finds it.
            silo.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromHours(1));
            await Wait.Until(() => !Holds(AllBytes(path), sealedName!, sealedPhone!), TimeSpan.FromSeconds(10),
                "the purge to take the sealed name and phone out of the SQLite file and its WAL");
            Assert.Equal([(null, null), (null, null)], SealedInLog(path));
            http = silo.Client();   // a week on, the first sign-in's cookie has expired
            await HallApi.AssertProblem(await http.GetAsync($"/api/halls/xuanen/manage/appointments/{code}"), HttpStatusCode.NotFound, "appointment-not-found");
            before = await http.HallJson();
            now = silo.Clock.GetUtcNow();
        }

        await using var restarted = new SiloApplication(path, settings: settings);
        restarted.Clock.SetUtcNow(now);
        var again = restarted.Client();
        Assert.Equal(before, await again.HallJson());
        Assert.Contains("今日中午不打烊", before);
        await HallApi.AssertProblem(await again.GetAsync($"/api/halls/xuanen/manage/appointments/{code}"), HttpStatusCode.NotFound, "appointment-not-found");
        Assert.False(Holds(AllBytes(path), Name, Phone));
    }

    [Fact]
    public async Task A_retention_under_one_day_stops_the_silo_with_a_clear_message()
    {
        await using var silo = new SiloApplication(settings: new Dictionary<string, string> { ["Privacy:RetentionDays"] = "0" });
        var refused = Assert.ThrowsAny<Exception>(() => silo.Client());
        Assert.Contains("Privacy:RetentionDays is at least 1", refused.ToString());
    }

    private static byte[] AllBytes(string databasePath) => [.. DataFiles(databasePath).SelectMany(File.ReadAllBytes)];
}
