using Queue.Contracts;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Queue.Silo.Hosting;

namespace Queue.Silo.Pages;

/// <summary>
/// 页面路由: the addresses a hall bookmarks (kiosk, clerk, manager, TV, window screen, phone, device pairing),
/// the display pages from displays/web, and the browser libraries from silo/node_modules.
/// Nothing is fetched from outside the hall's network.
/// </summary>
public static partial class PageEndpoints
{
    // Hall ids are plain slugs; the constraint keeps "/kiosk/index.js" (a static file) out of the routes.
    const string Hall = @"{hallId:regex(^[\w-]+$)}";
    const string TicketId = @"{ticketId:regex(^[\w-]+$)}";

    public static WebApplication MapPages(this WebApplication app)
    {
        var contentRoot = app.Environment.ContentRootPath;
        var webRoot = app.Environment.WebRootPath ?? Path.Combine(contentRoot, "wwwroot");
        var displaysWeb = AppFolders.Find(contentRoot, "displays/web");
        var nodeModules = Path.Combine(contentRoot, "node_modules");

        MapPage(app, "/kiosk/" + Hall, webRoot, "kiosk/index.html");
        MapPage(app, "/clerk/" + Hall, webRoot, "clerk/index.html");
        MapPage(app, "/manager/" + Hall, webRoot, "manager/index.html");
        MapPage(app, "/ticket/" + Hall + "/" + TicketId, webRoot, "phone/index.html");
        MapPage(app, "/tv/" + Hall, displaysWeb, "tv/index.html");
        MapPage(app, "/window/" + Hall + "/{windowNo:int:min(1)}", displaysWeb, "window/index.html");
        // Opened once on a device from the manager's pairing link (the token is in the fragment, never sent here).
        MapPage(app, "/pair/" + Hall, webRoot, "pair/index.html");

        // The display pages' own scripts and styles (displays/ is outside wwwroot).
        app.MapGet("/displays/{**path}", (string path) => ServeFile(displaysWeb, path))
           .ExcludeFromDescription().AllowAnonymous();

        // Browser builds from npm (`npm ci` in silo/); never committed, never from a CDN.
        app.MapGet("/lib/signalr.js", () => ServeFile(nodeModules, "@microsoft/signalr/dist/browser/signalr.min.js"))
           .ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/lib/qrcode.js", () => QrCodeModule(nodeModules))
           .ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    static void MapPage(WebApplication app, string pattern, string root, string file) =>
        app.MapGet(pattern, (HttpContext http) =>
        {
            // Pages change with releases; a kiosk must not keep an old one.
            http.Response.Headers.CacheControl = "no-cache";
            return ServeFile(root, file);
        }).ExcludeFromDescription().AllowAnonymous();   // the page is; what it may do rests on its sign-in or device token

    static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>A file under root, or 404; ".." cannot climb out of root.</summary>
    static IResult ServeFile(string root, string relative)
    {
        var full = Path.GetFullPath(Path.Combine(root, relative));
        var inside = full.StartsWith(Path.GetFullPath(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        if (!inside || !File.Exists(full)) return Results.NotFound();
        if (!ContentTypes.TryGetContentType(full, out var type)) type = "application/octet-stream";
        if (type.StartsWith("text/", StringComparison.Ordinal) || type.EndsWith("javascript", StringComparison.Ordinal))
            type += "; charset=utf-8";
        return Results.File(full, type, enableRangeProcessing: false);
    }

    static readonly ConcurrentDictionary<string, string> Bundles = new();

    /// <summary>
    /// The qrcode package ships CommonJS only (no browser build in 1.5.x). Wrap its browser entry
    /// and what it requires into one ES module, once per process: a tiny packer, not a build tool.
    /// </summary>
    static IResult QrCodeModule(string nodeModules)
    {
        var entry = Path.Combine(nodeModules, "qrcode", "lib", "browser.js");
        if (!File.Exists(entry)) return Results.NotFound();
        var js = Bundles.GetOrAdd(entry, _ => CommonJsModule.Pack(nodeModules, entry));
        return Results.Text(js, "text/javascript; charset=utf-8");
    }

    /// <summary>Packs a CommonJS module graph (relative requires and bare package names) into an ES module.</summary>
    static partial class CommonJsModule
    {
        [GeneratedRegex("""require\(\s*['"]([^'"]+)['"]\s*\)""")]
        private static partial Regex Require();

        public static string Pack(string nodeModules, string entry)
        {
            var sources = new Dictionary<string, string>(); // file → source with requires renamed to ids
            var pending = new Stack<string>([Path.GetFullPath(entry)]);
            while (pending.TryPop(out var file))
            {
                if (sources.ContainsKey(file)) continue;
                var text = File.ReadAllText(file);
                sources[file] = Require().Replace(text, m =>
                {
                    var target = Resolve(nodeModules, Path.GetDirectoryName(file)!, m.Groups[1].Value);
                    if (target is null) return "undefined"; // node-only requires (fs) in unused paths
                    pending.Push(target);
                    return $"require({Quote(target)})";
                });
            }
            var sb = new StringBuilder("// Packed by Queue.Silo from the qrcode npm package (MIT). Generated; not committed.\n");
            sb.Append("const defs = {};\n");
            foreach (var (file, source) in sources)
                sb.Append("defs[").Append(Quote(file)).Append("] = function (module, exports, require) {\n")
                  .Append(source).Append("\n};\n");
            sb.Append("""
                const cache = {};
                function require(id) {
                  if (!cache[id]) { const module = { exports: {} }; cache[id] = module; defs[id](module, module.exports, require); }
                  return cache[id].exports;
                }
                """);
            sb.Append("\nexport default require(").Append(Quote(Path.GetFullPath(entry))).Append(");\n");
            // Module ids are absolute paths on the server; shorten them so nothing about the host leaks.
            return sb.ToString().Replace(Path.GetFullPath(nodeModules) + Path.DirectorySeparatorChar, "");
        }

        static string? Resolve(string nodeModules, string dir, string name)
        {
            string candidate;
            if (name.StartsWith('.'))
                candidate = Path.GetFullPath(Path.Combine(dir, name));
            else
            {
                var package = Path.Combine(nodeModules, name);
                var main = "index.js";
                var manifest = Path.Combine(package, "package.json");
                if (File.Exists(manifest))
                {
                    using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(manifest));
                    if (doc.RootElement.TryGetProperty("main", out var m) && m.GetString() is { } s) main = s;
                }
                candidate = Path.GetFullPath(Path.Combine(package, main));
            }
            if (File.Exists(candidate)) return candidate;
            if (File.Exists(candidate + ".js")) return candidate + ".js";
            return null;
        }

        static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
    }
}
