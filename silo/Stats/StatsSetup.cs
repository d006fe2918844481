using Queue.Silo.Halls;

namespace Queue.Silo.Stats;

public static class StatsSetup
{
    /// <summary>The figures (统计): their grain is found by Orleans; the hall grains ring it after appends.</summary>
    public static IHostApplicationBuilder AddStats(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IHallListener, FiguresDoorbell>();
        return builder;
    }
}
