using Queue.Hall;
using Queue.Hall.Events;

namespace Queue.Hall.Tests;

/// <summary>好差评, 一次一评: each finished step is rated once, by its resident, and keeps who served it and where.</summary>
public class RatingTests
{
    [Fact]
    public void Each_step_of_a_bundle_is_rated_once_and_keeps_its_window_and_clerk()
    {
        var hall = new TestHall();
        hall.Open(1, 4);
        var t = hall.State.TicketById(hall.Do(new IssueTicket(hall.NewId(), BundleId: "shyjs")).TicketId!)!;
        Assert.Equal("nothing-to-rate", hall.Do(new RateService(t.Id, 5, [], null)).Refusal?.Code);   // nothing finished yet
        hall.CallNext(1);
        hall.Do(new CompleteService(1));

        var first = hall.Do(new RateService(t.Id, 4, ["业务熟练", "业务熟练"], "  很快  ")).Events.OfType<ServiceRated>().Single();
        Assert.Equal((0, "general", 1, "c01", 4, "phone"), (first.Step, first.CategoryCode, first.WindowNo, first.ClerkId, first.Grade, first.Channel));
        Assert.Equal(["业务熟练"], first.Tags);
        Assert.Equal("很快", first.Comment);
        Assert.Equal("already-rated", hall.Do(new RateService(t.Id, 1, [], null)).Refusal?.Code);

        // Its 出件 step at window 4 is a service of its own, rated at that window's evaluator.
        Assert.Equal(t.Id, hall.CallNext(4)!.Id);
        hall.Do(new CompleteService(4));
        Assert.Equal("not-served-here", hall.Do(new RateService(t.Id, 5, [], null, EvaluatorWindow: 2)).Refusal?.Code);
        var second = hall.Do(new RateService(t.Id, 2, ["等候时间过长"], null, EvaluatorWindow: 4)).Events.OfType<ServiceRated>().Single();
        Assert.Equal((1, "result", 4, "c04", "evaluator"), (second.Step, second.CategoryCode, second.WindowNo, second.ClerkId, second.Channel));
        Assert.Equal("already-rated", hall.Do(new RateService(t.Id, 2, [], null, EvaluatorWindow: 4)).Refusal?.Code);

        // A restart rebuilds the same ratings from the log.
        Assert.Equal([4, 2], hall.Replay().TicketById(t.Id)!.Served.Select(s => s.Grade));
    }

    [Fact]
    public void A_grade_out_of_range_a_tag_not_offered_for_it_or_a_long_comment_is_refused_and_rates_nothing()
    {
        var hall = new TestHall();
        hall.Open(1);
        var t = hall.Issue();
        hall.CallNext(1);
        hall.Do(new CompleteService(1));
        Assert.Equal("grade-invalid", hall.Do(new RateService(t.Id, 6, [], null)).Refusal?.Code);
        Assert.Equal("grade-invalid", hall.Do(new RateService(t.Id, 0, [], null)).Refusal?.Code);
        Assert.Equal("tag-not-offered", hall.Do(new RateService(t.Id, 5, ["态度生硬"], null)).Refusal?.Code);   // a 差评 tag on 非常满意
        Assert.Equal("comment-too-long", hall.Do(new RateService(t.Id, 3, [], new string('慢', 201))).Refusal?.Code);
        Assert.Equal("ticket-not-found", hall.Do(new RateService(t.Number, 5, [], null)).Refusal?.Code);   // the public number is no credential
        Assert.Null(t.Served.Single().Grade);
        Assert.Null(hall.Do(new RateService(t.Id, 5, [], null)).Refusal);
    }
}
