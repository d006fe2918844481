namespace Queue.Silo.Hosting;

/// <summary>
/// Where the silo finds its pages, scripts and sample halls: from the application's own folder, never from the working
/// directory (a service, a cron job or a shell in another folder all start it the same way). A publish holds everything
/// (wwwroot, displays/web, node_modules, seeds); a build inside the repository (silo/bin/…) runs from silo/, beside
/// displays/ and seeds/.
/// </summary>
public static class AppFolders
{
    /// <summary>The nearest folder at or above the application's that holds wwwroot: the publish folder, or silo/ for a
    /// build in the repository. Null where there is none (a test host's folder): the host's own default then stands.</summary>
    public static string? ContentRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "wwwroot"))) return dir.FullName;
        return null;
    }

    /// <summary>A folder named relative to the content root: inside it (a publish), else beside it (silo/ in the
    /// repository, whose displays/ and seeds/ are its siblings). An absolute path is taken as it is.</summary>
    public static string Find(string contentRoot, string relative)
    {
        if (Path.IsPathRooted(relative)) return relative;
        var inside = Path.GetFullPath(Path.Combine(contentRoot, relative));
        var beside = Path.GetFullPath(Path.Combine(contentRoot, "..", relative));
        return !Directory.Exists(inside) && Directory.Exists(beside) ? beside : inside;
    }
}
