using Queue.Contracts;
using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Queue.Silo.Halls;
using Queue.Silo.Hosting;
using Queue.Silo.Printing;

namespace Queue.Silo.Pages;

/// <summary>
/// 页面路由: the addresses a hall bookmarks (kiosk, clerk, manager, TV, window screen, window evaluator, phone, 线上取号 and its check-in, booking, device pairing),
/// the display pages from displays/web, and the browser libraries from silo/node_modules.
/// Nothing is fetched from outside the hall's network. A hall id that names no hall answers 404 with a page that
/// says so (没有这个大厅), so a mistyped bookmark is not mistaken for a network fault.
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

        MapPage(app, "/kiosk/" + Hall, webRoot, "kiosk/index.html", WithPublicUrl);
        MapPage(app, "/clerk/" + Hall, webRoot, "clerk/index.html");
        MapPage(app, "/manager/" + Hall, webRoot, "manager/index.html");
        MapPage(app, "/ticket/" + Hall + "/" + TicketId, webRoot, "phone/index.html");
        MapPage(app, "/take/" + Hall, webRoot, "phone/take.html");     // 线上取号 from the phone
        MapPage(app, "/arrive/" + Hall, webRoot, "phone/arrive.html"); // the kiosk's door QR: a remote ticket checks in
        MapPage(app, "/book/" + Hall, webRoot, "book/index.html");   // 预约办理: residents book, look up and cancel
        MapPage(app, "/tv/" + Hall, displaysWeb, "tv/index.html");
        MapPage(app, "/window/" + Hall + "/{windowNo:int:min(1)}", displaysWeb, "window/index.html");
        MapPage(app, "/evaluator/" + Hall + "/{windowNo:int:min(1)}", webRoot, "evaluator/index.html");
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
        // The dashboard's and the reports' charts (Chart.js's UMD build: it sets window.Chart).
        app.MapGet("/lib/chart.js", () => ServeFile(nodeModules, ChartLibrary))
           .ExcludeFromDescription().AllowAnonymous();
        return app;
    }

    static void MapPage(WebApplication app, string pattern, string root, string file, Func<HttpContext, string, string>? edit = null) =>
        app.MapGet(pattern, (HttpContext http, string hallId, HallCatalog catalog) =>
        {
            // Pages change with releases; a kiosk must not keep an old one.
            http.Response.Headers.CacheControl = "no-cache";
            if (catalog.Find(hallId) is null) return NoSuchHall(http.Request.Path, hallId, catalog);
            if (edit is null) return ServeFile(root, file);
            var full = Path.Combine(root, file);
            return File.Exists(full) ? Results.Content(edit(http, File.ReadAllText(full)), "text/html; charset=utf-8") : Results.NotFound();
        }).ExcludeFromDescription().AllowAnonymous();   // the page is; what it may do rests on its sign-in or device token

    /// <summary>The kiosk draws the ticket's QR code itself: it learns Printing:PublicUrl (the address phones reach) from its page.</summary>
    static string WithPublicUrl(HttpContext http, string page)
    {
        var url = http.RequestServices.GetRequiredService<IOptions<PrintingOptions>>().Value.PublicUrl?.Trim() ?? "";
        return page.Replace("""<meta name="public-url" content="">""",
            $"""<meta name="public-url" content="{System.Net.WebUtility.HtmlEncode(url.TrimEnd('/'))}">""", StringComparison.Ordinal);
    }

    /// <summary>404 with a page in the hall's language, naming the halls there are (the same page of each, one tap away).</summary>
    static IResult NoSuchHall(string path, string hallId, HallCatalog catalog)
    {
        static string Encode(string s) => System.Net.WebUtility.HtmlEncode(s);
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var links = string.Concat(catalog.All.OrderBy(h => h.Id, StringComparer.Ordinal).Select(h =>
        {
            var href = "/" + string.Join('/', segments.Select((s, i) => i == 1 ? Uri.EscapeDataString(h.Id) : s));
            return $"""<li><a href="{Encode(href)}">{Encode(h.Name)}</a> <span class="id">{Encode(h.Id)}</span></li>""";
        }));
        var html = $"""
            <!doctype html>
            <html lang="zh-CN">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>没有这个大厅</title>
              <link rel="stylesheet" href="/shared/base.css">
            </head>
            <body class="no-hall">
              <main>
                <h1>没有这个大厅</h1>
                <p>地址中的大厅编号“{Encode(hallId)}”不存在，请检查地址是否输错。</p>
                <p>本系统的大厅：</p>
                <ul>{links}</ul>
              </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
    }

    /// <summary>Chart.js's browser build under node_modules; the reports inline the same file into the pages Chromium prints.</summary>
    public const string ChartLibrary = "chart.js/dist/chart.umd.min.js";

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
