using System.Buffers.Binary;
using System.IO.Compression;

namespace Queue.Displays.Tests.Screens;

/// <summary>Just enough PNG reading to count lit pixels: 8-bit RGB/RGBA, no interlace (what Chromium writes).</summary>
public static class Png
{
    public static (int Width, int Height, byte[][] Rows, int Channels) Read(byte[] png)
    {
        int width = 0, height = 0, channels = 0;
        var idat = new MemoryStream();
        for (int at = 8; at < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                (width, height) = (BinaryPrimitives.ReadInt32BigEndian(data), BinaryPrimitives.ReadInt32BigEndian(data[4..]));
                if (data[8] != 8 || data[12] != 0) throw new NotSupportedException("only 8-bit, non-interlaced");
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new NotSupportedException($"colour type {data[9]}") };
            }
            if (type == "IDAT") idat.Write(data);
            at += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        var raw = new MemoryStream();
        z.CopyTo(raw);
        var bytes = raw.ToArray();
        int stride = width * channels;
        var rows = new byte[height][];
        var previous = new byte[stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = bytes[y * (stride + 1)];
            var row = bytes.AsSpan(y * (stride + 1) + 1, stride).ToArray();
            for (int x = 0; x < stride; x++)
            {
                int a = x >= channels ? row[x - channels] : 0, b = previous[x], c = x >= channels ? previous[x - channels] : 0;
                row[x] += filter switch
                {
                    1 => (byte)a,
                    2 => (byte)b,
                    3 => (byte)((a + b) / 2),
                    4 => Paeth(a, b, c),
                    _ => 0,
                };
            }
            rows[y] = previous = row;
        }
        return (width, height, rows, channels);
    }

    /// <summary>Pixels that look like a lit red LED.</summary>
    public static int RedPixels(byte[] png)
    {
        var (width, _, rows, channels) = Read(png);
        int count = 0;
        foreach (var row in rows)
            for (int x = 0; x < width; x++)
                if (row[x * channels] > 180 && row[x * channels + 1] < 120 && row[x * channels + 2] < 120) count++;
        return count;
    }

    static byte Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
    }
}
