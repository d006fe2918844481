using System.Buffers;
using System.Text.Json;

namespace Queue.HubClient;

/// <summary>
/// The JSON hub protocol's framing: every record is UTF-8 JSON followed by 0x1E. A WebSocket
/// message may hold several records and a record may span frames (HARDWARE.md §4.2).
/// </summary>
public sealed class RecordBuffer
{
    public const byte Separator = 0x1E;
    byte[] _data = new byte[4096];
    int _start, _end;

    /// <summary>Space to receive the next frame into; call <see cref="Advance"/> with the count received.</summary>
    public Memory<byte> GetWriteMemory(int sizeHint = 4096)
    {
        if (_start > 0 && _start == _end) _start = _end = 0;
        if (_data.Length - _end < sizeHint)
        {
            int live = _end - _start;
            var target = live + sizeHint > _data.Length ? new byte[Math.Max(_data.Length * 2, live + sizeHint)] : _data;
            Buffer.BlockCopy(_data, _start, target, 0, live);
            _data = target;
            _start = 0;
            _end = live;
        }
        return _data.AsMemory(_end);
    }

    public void Advance(int count) => _end += count;

    /// <summary>Appends bytes (tests and callers without a socket).</summary>
    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetWriteMemory(bytes.Length).Span);
        Advance(bytes.Length);
    }

    /// <summary>Takes the next complete record (without its separator); false until one is complete.</summary>
    public bool TryTakeRecord(out ReadOnlyMemory<byte> record)
    {
        int i = _data.AsSpan(_start, _end - _start).IndexOf(Separator);
        if (i < 0) { record = default; return false; }
        // Copy: the buffer is reused by the next receive.
        record = _data.AsSpan(_start, i).ToArray();
        _start += i + 1;
        return true;
    }
}

/// <summary>Writers for the records the client sends.</summary>
public static class HubMessages
{
    public static readonly byte[] Handshake = "{\"protocol\":\"json\",\"version\":1}\u001e"u8.ToArray();
    public static readonly byte[] Ping = "{\"type\":6}\u001e"u8.ToArray();
    public static readonly byte[] Close = "{\"type\":7}\u001e"u8.ToArray();

    /// <summary>A type 1 invocation; no invocationId means fire-and-forget (the server must not answer).</summary>
    public static byte[] Invocation(string? invocationId, string target, object?[] args, JsonSerializerOptions json)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = json.Encoder }))
        {
            w.WriteStartObject();
            w.WriteNumber("type", 1);
            if (invocationId is not null) w.WriteString("invocationId", invocationId);
            w.WriteString("target", target);
            w.WriteStartArray("arguments");
            foreach (var arg in args)
                JsonSerializer.Serialize(w, arg, arg?.GetType() ?? typeof(object), json);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.Write([RecordBuffer.Separator]);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Answer to a server-to-client invocation that expects a result: we offer none.</summary>
    public static byte[] CompletionError(string invocationId, string error)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("type", 3);
            w.WriteString("invocationId", invocationId);
            w.WriteString("error", error);
            w.WriteEndObject();
        }
        buffer.Write([RecordBuffer.Separator]);
        return buffer.WrittenSpan.ToArray();
    }
}
