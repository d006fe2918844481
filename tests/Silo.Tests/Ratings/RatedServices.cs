using System.Net;
using Queue.Tests.Support;

namespace Queue.Silo.Tests.Ratings;

/// <summary>A resident served at a window and rating it on their phone, as the cases and the export meet ratings.</summary>
public static class RatedServices
{
    public const int Window = 3;

    /// <summary>Takes a ticket for 企业开办, serves it at <see cref="Window"/> (open it first) and rates it; returns the
    /// ticket's secret id and number. A bad grade (2, 1) gets the tag 态度生硬.</summary>
    public static async Task<(string Id, string Number)> ServeAndRate(this HttpClient staff, HttpClient phone, int grade, string? comment = null)
    {
        var ticket = await staff.TakeOk(new { matterIds = new[] { "qykb" } });
        await staff.ActOk(Window, "call-next");
        await staff.ActOk(Window, "complete");
        var id = ticket.GetProperty("id").GetString()!;
        var rated = await phone.Rate(id, new { grade, tags = grade <= 2 ? new[] { "态度生硬" } : [], comment });
        if (rated.StatusCode != HttpStatusCode.Created)
            throw new HallApiException($"Rating {id}: {(int)rated.StatusCode} {await rated.Content.ReadAsStringAsync()}");
        return (id, ticket.GetProperty("number").GetString()!);
    }
}
