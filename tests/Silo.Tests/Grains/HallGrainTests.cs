using Queue.Tests.Support;
using Queue.Hall;
using Queue.Hall.Events;
using Microsoft.Extensions.DependencyInjection;
using Queue.Silo.Halls;

namespace Queue.Silo.Tests.Grains;

[Collection(nameof(HallCluster))]
public sealed class HallGrainTests(HallCluster cluster)
{
    private static IssueTicket Take(string? key = null) =>
        new(Guid.NewGuid().ToString("N"), CategoryCode: "general", IgnoreOpeningHours: true) { Key = key };

    private async Task<IHallGrain> HallWithWaiting(string hallId, int tickets, params int[] openWindows)
    {
        var hall = cluster.Grains.GetGrain<IHallGrain>(hallId);
        foreach (var no in openWindows) Assert.Null((await hall.Run(new OpenWindow(no, $"c{no}"))).Refusal);
        for (var i = 0; i < tickets; i++) Assert.Null((await hall.Run(Take())).Refusal);
        return hall;
    }

    [Fact]
    public async Task A_command_answers_from_the_state_right_after_it_and_a_retried_key_acts_once()
    {
        var hall = cluster.Grains.GetGrain<IHallGrain>(HallCluster.NewHall());
        var first = await hall.Run(Take(key: "k1"));
        var retry = await hall.Run(Take(key: "k1"));
        Assert.Equal("A001", first.Ticket!.Number);
        Assert.Equal(TicketStatus.Waiting, first.Ticket.Status);
        Assert.Equal(first.Ticket.Id, retry.Ticket!.Id);
        Assert.Equal(1, (await hall.State()).WaitingTotal);

        await hall.Run(new OpenWindow(1, "c1"));
        var call = await hall.Run(new CallNext(1));
        Assert.Equal("A001", call.Ticket!.Number);
        Assert.Equal(TicketStatus.Called, call.Ticket.Status);
        Assert.Equal("A001", call.Window!.Current!.Number);
        var empty = await hall.Run(new CallNext(1) { Key = "again" });
        Assert.Equal("window-busy", empty.Refusal!.Code);
    }

    [Fact]
    public async Task A_deactivated_hall_comes_back_from_its_log_exactly_as_it_was()
    {
        var hallId = HallCluster.NewHall();
        var hall = await HallWithWaiting(hallId, 3, 1);
        await hall.Run(new CallNext(1));
        var before = await hall.State();

        await cluster.Cluster.DeactivateAsync(hall);
        await cluster.Cluster.WaitForDeactivationAsync(hall);

        var after = await hall.State();
        // In a cluster the activation first takes the next seq (HallTakenOver, a fence changing nothing else).
        Assert.Equal(before.Seq + 1, after.Seq);
        Assert.Equal(before.WaitingTotal, after.WaitingTotal);
        Assert.Equal("A001", after.Windows.Single(w => w.No == 1).Current!.Number);
        Assert.Equal("A004", (await hall.Run(Take())).Ticket!.Number);
    }

    [Fact]
    public async Task A_second_writer_is_refused_by_the_log_and_the_grain_never_calls_its_ticket_again()
    {
        var hallId = HallCluster.NewHall();
        var hall = await HallWithWaiting(hallId, 2, 1, 2);
        var seq = (await hall.State()).Seq;
        var first = (await HallCluster.Store.LoadAsync(hallId, CancellationToken.None)).Events.OfType<TicketIssued>().First();

        // Another activation of the same hall (a silo that did not know it was declared dead) calls A001 at window 2.
        await HallCluster.Store.AppendAsync(hallId, seq + 1, [new TicketCalled(first.TicketId, 2, "c2", DateTimeOffset.UtcNow)], CancellationToken.None);

        var call = await hall.Run(new CallNext(1));
        Assert.Null(call.Refusal);
        Assert.Equal("A002", call.Ticket!.Number);
        var log = (await HallCluster.Store.LoadAsync(hallId, CancellationToken.None)).Events.OfType<TicketCalled>().ToList();
        Assert.Single(log, e => e.TicketId == first.TicketId);
        Assert.Equal(2, (await hall.Ticket(first.TicketId))!.View.WindowNo);
    }

    [Fact]
    public async Task Windows_calling_at_once_from_both_silos_never_get_the_same_ticket()
    {
        var hallId = HallCluster.NewHall();
        const int tickets = 40;
        await HallWithWaiting(hallId, tickets, 1, 2);
        // Each silo's own grain factory, as two web front ends would call: one activation answers both.
        var fronts = cluster.Cluster.Silos.Select(s => cluster.Cluster.GetSiloServiceProvider(s.SiloAddress).GetRequiredService<IGrainFactory>()).ToList();
        var called = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(1, 2).Select(no => Task.Run(async () =>
        {
            var hall = fronts[no - 1].GetGrain<IHallGrain>(hallId);
            for (var i = 0; i < tickets / 2; i++)
            {
                var call = await hall.Run(new CallNext(no));
                Assert.True(call.Refusal is null, $"window {no}, round {i}: {call.Refusal} {string.Join(",", called)}");
                called.Add(call.Ticket!.Number);
                Assert.Null((await hall.Run(new CompleteService(no))).Refusal);
            }
        })));
        Assert.Equal(tickets, called.Count);
        Assert.Equal(tickets, called.Distinct().Count());
        Assert.Equal(0, (await cluster.Grains.GetGrain<IHallGrain>(hallId).State()).WaitingTotal);
    }

    [Fact]
    public void Within_a_silo_our_records_pass_uncopied_and_between_silos_they_travel_as_json()
    {
        var silo = cluster.Cluster.GetSiloServiceProvider(cluster.Cluster.Silos[0].SiloAddress);
        var command = Take();
        Assert.Same(command, silo.GetRequiredService<Orleans.Serialization.Cloning.IDeepCopierProvider>().GetDeepCopier<Queue.Hall.HallCommand>().DeepCopy(command, null!));
        var serializer = silo.GetRequiredService<Orleans.Serialization.Serializer>();
        var travelled = serializer.Deserialize<Queue.Hall.HallCommand>(serializer.SerializeToArray<Queue.Hall.HallCommand>(command));
        Assert.Equal(command, travelled);
    }

    [Fact]
    public async Task A_refusal_changes_nothing()
    {
        var hall = await HallWithWaiting(HallCluster.NewHall(), 1);
        var before = await hall.State();
        var refused = await hall.Run(new CallNext(1));
        Assert.Equal("window-closed", refused.Refusal!.Code);
        Assert.Null(refused.Ticket);
        Assert.Equal(before.Seq, (await hall.State()).Seq);
    }
}
