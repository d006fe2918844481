using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.StaticFiles;
using Queue.Silo.Hosting;

namespace Queue.Silo.Pages;

/// <summary>
/// 语音叫号 clips for the TV (and any page that speaks): GET /voice lists the clip names there are, GET /voice/{clip}
/// answers one. A hall's recorded clips (Voice:Folder, {name}.wav/.mp3/.ogg) win over the ones the build made with
/// espeak-ng (silo/voice/*.txt, in voice/ beside the silo's assembly). Pages ask only for listed names: a silo built
/// without espeak-ng lists none, and its TV plays a chime instead of asking for files that are not there.
/// </summary>
public static class VoiceClips
{
    static readonly string[] Extensions = [".wav", ".mp3", ".ogg"];
    static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static WebApplication MapVoiceClips(this WebApplication app)
    {
        var built = Path.Combine(AppContext.BaseDirectory, "voice");
        var recorded = app.Configuration["Voice:Folder"] is { Length: > 0 } folder ? AppFolders.Find(app.Environment.ContentRootPath, folder) : null;
        // Recorded first: the first folder holding a name wins.
        string[] folders = recorded is null ? [built] : [recorded, built];

        app.MapGet("/voice", () => TypedResults.Ok(Names(folders)))
           .ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/voice/{clip:regex(^[\\w-]+$)}", Results<PhysicalFileHttpResult, NotFound> (string clip, HttpContext http) =>
        {
            if (Find(folders, clip) is not { } file) return TypedResults.NotFound();
            // A hall may replace a clip while its TVs run: they revalidate, and get the new one on their next load.
            http.Response.Headers.CacheControl = "no-cache";
            ContentTypes.TryGetContentType(file, out var type);
            return TypedResults.PhysicalFile(file, type ?? "application/octet-stream", lastModified: File.GetLastWriteTimeUtc(file));
        }).ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    /// <summary>Every clip name in the folders, sorted.</summary>
    static string[] Names(string[] folders) =>
        [.. folders.Where(Directory.Exists)
            .SelectMany(Directory.EnumerateFiles)
            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Where(n => n.Length > 0 && n.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))   // what /voice/{name} answers
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    static string? Find(string[] folders, string name) =>
        folders.SelectMany(d => Extensions.Select(e => Path.Combine(d, name + e))).FirstOrDefault(File.Exists);
}
