using System.Text;
using System.Text.Json;
using Queue.HubClient;

namespace Queue.Displays.Tests.HubClient;

public sealed class FramingTests
{
    static List<string> Drain(RecordBuffer buffer)
    {
        var records = new List<string>();
        while (buffer.TryTakeRecord(out var r)) records.Add(Encoding.UTF8.GetString(r.Span));
        return records;
    }

    [Fact]
    public void A_record_spanning_writes_is_returned_once_complete()
    {
        var buffer = new RecordBuffer();
        var bytes = Encoding.UTF8.GetBytes("{\"text\":\"请到5号窗口\"}\u001e");
        buffer.Write(bytes.AsSpan(0, 12)); // cuts a multi-byte character in half
        Assert.Empty(Drain(buffer));
        buffer.Write(bytes.AsSpan(12));
        Assert.Equal(["{\"text\":\"请到5号窗口\"}"], Drain(buffer));
    }

    [Fact]
    public void Several_records_in_one_write_come_out_in_order_and_a_tail_waits()
    {
        var buffer = new RecordBuffer();
        buffer.Write("{}\u001e{\"type\":6}\u001e{\"ty"u8);
        Assert.Equal(["{}", "{\"type\":6}"], Drain(buffer));
        buffer.Write("pe\":6}\u001e"u8);
        Assert.Equal(["{\"type\":6}"], Drain(buffer));
    }

    [Fact]
    public void The_buffer_grows_for_records_larger_than_its_start_size()
    {
        var buffer = new RecordBuffer();
        var big = new string('x', 50_000);
        for (int i = 0; i < big.Length; i += 1000) buffer.Write(Encoding.ASCII.GetBytes(big.Substring(i, 1000)));
        buffer.Write([0x1E]);
        Assert.Equal([big], Drain(buffer));
    }

    [Fact]
    public void Invocation_records_are_camelCase_json_ending_in_0x1E()
    {
        var bytes = HubMessages.Invocation("7", "Report", [new { WindowNo = 5, Text = "暂停服务" }, null],
            new HubClientOptions().JsonOptions);
        Assert.Equal(0x1E, bytes[^1]);
        using var doc = JsonDocument.Parse(bytes.AsMemory(0, bytes.Length - 1));
        var root = doc.RootElement;
        Assert.Equal(1, root.GetProperty("type").GetInt32());
        Assert.Equal("7", root.GetProperty("invocationId").GetString());
        Assert.Equal("Report", root.GetProperty("target").GetString());
        Assert.Equal(5, root.GetProperty("arguments")[0].GetProperty("windowNo").GetInt32());
        Assert.Equal("暂停服务", root.GetProperty("arguments")[0].GetProperty("text").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("arguments")[1].ValueKind);
        Assert.False(JsonDocument.Parse(HubMessages.Invocation(null, "X", [], new()).AsMemory(0..^1))
            .RootElement.TryGetProperty("invocationId", out _));
    }

    [Theory]
    [InlineData(0, 500)]
    [InlineData(1, 1000)]
    [InlineData(3, 4000)]
    [InlineData(5, 10000)]
    [InlineData(40, 10000)]
    public void Backoff_doubles_from_the_initial_delay_up_to_the_cap(int attempt, int expectedMs)
    {
        var options = new HubClientOptions();
        Assert.Equal(expectedMs, Backoff.Delay(attempt, options, 0.5).TotalMilliseconds, 3);
        Assert.Equal(expectedMs * 0.8, Backoff.Delay(attempt, options, 0).TotalMilliseconds, 3);
        Assert.Equal(expectedMs * 1.2, Backoff.Delay(attempt, options, 1).TotalMilliseconds, 3);
    }
}
