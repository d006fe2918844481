using System.Net;
using System.Text.Json;

namespace Queue.Silo.Tests;

/// <summary>/voice: the clips the build made with espeak-ng (silo/voice/*.txt), and a hall's recorded ones winning.</summary>
public class VoiceClipTests
{
    [Fact]
    public async Task A_recorded_clip_wins_over_the_generated_one_and_the_rest_still_come_from_the_build()
    {
        var recorded = Directory.CreateTempSubdirectory("queue-voice-");
        try
        {
            byte[] mp3 = [0xFF, 0xFB, 0x90, 0x64, .. new byte[400]];
            await File.WriteAllBytesAsync(Path.Combine(recorded.FullName, "qing.mp3"), mp3);
            await File.WriteAllBytesAsync(Path.Combine(recorded.FullName, "chime.ogg"), "OggS"u8.ToArray());
            await using var silo = new SiloApplication(settings: new Dictionary<string, string> { ["Voice:Folder"] = recorded.FullName });
            var http = silo.AnonymousClient();

            var names = JsonSerializer.Deserialize<string[]>(await http.GetStringAsync("/voice"))!;
            Assert.Superset(new HashSet<string>(["qing", "hao", "chuangkou", "banli", "chime", "A", "0"]), names.ToHashSet());
            Assert.Single(names, "qing");

            using var qing = await http.GetAsync("/voice/qing");
            Assert.Equal("audio/mpeg", qing.Content.Headers.ContentType?.MediaType);
            Assert.Equal(mp3, await qing.Content.ReadAsByteArrayAsync());
            using var hao = await http.GetAsync("/voice/hao");   // not recorded: espeak-ng's, from the build
            Assert.Equal(HttpStatusCode.OK, hao.StatusCode);
            Assert.Equal("audio/wav", hao.Content.Headers.ContentType?.MediaType);
            Assert.True((await hao.Content.ReadAsByteArrayAsync()).Length > 4000, "hao.wav holds no spoken word");

            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/voice/no-such-clip")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/voice/..%2Fappsettings")).StatusCode);
        }
        finally { recorded.Delete(recursive: true); }
    }
}
