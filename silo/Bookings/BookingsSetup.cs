using Queue.Silo.Halls;

namespace Queue.Silo.Bookings;

public static class BookingsSetup
{
    /// <summary>爽约: the hall grain rings the no-shows' grain at each new day.</summary>
    public static IHostApplicationBuilder AddBookings(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IHallListener, NoShowDoorbell>();
        return builder;
    }
}
