using Queue.Silo.Halls;

namespace Queue.Silo.Ratings;

public static class RatingsSetup
{
    /// <summary>差评 cases: the hall grain rings their grain after each rating it commits.</summary>
    public static IHostApplicationBuilder AddRatings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IHallListener, RatingDoorbell>();
        return builder;
    }
}
