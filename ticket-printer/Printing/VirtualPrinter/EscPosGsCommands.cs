using static Queue.Printing.EscPos;

namespace Queue.Printing;

/// <summary>The GS family for <see cref="EscPosDecoder"/>: size, cut, QR (GS ( k), raster (GS v 0) and commands skipped by length.</summary>
internal static class EscPosGsCommands
{
    public static int Run(EscPosDecoder d, int i)
    {
        var data = d.Data;
        int rest = data.Length - i;
        if (!d.Has(i, 2, "GS command")) return rest;
        byte command = data[i + 1];
        switch (command)
        {
            case CharacterSize:
                if (!d.Has(i, 3, "GS !")) return rest;
                int width = (data[i + 2] >> 4) + 1, height = (data[i + 2] & 0x0F) + 1;
                if (width > 8 || height > 8) return d.Warn(i, 3, $"GS ! 0x{data[i + 2]:X2} asks for size {width}x{height}, beyond 8");
                d.SetSize(width, height);
                return 3;
            case Cut:
                return CutCommand(d, i);
            case ExtendedFunction:
                return Extended(d, i);
            case RasterImage:
                return Raster(d, i);
            case (byte)'k':
                return Barcode(d, i);
            case (byte)'h' or (byte)'w' or (byte)'H' or (byte)'f' or (byte)'B' or (byte)'r' or (byte)'a' or (byte)'I':
                return d.Has(i, 3, $"GS {(char)command}") ? 3 : rest;
            case (byte)'L' or (byte)'W':
                return d.Has(i, 4, $"GS {(char)command}") ? 4 : rest;
            default:
                return d.Warn(i, 2, $"GS 0x{command:X2} not modelled");
        }
    }

    private static int CutCommand(EscPosDecoder d, int i)
    {
        var data = d.Data;
        if (!d.Has(i, 3, "GS V")) return data.Length - i;
        byte m = data[i + 2];
        bool feedFirst = m is CutFullB or CutPartialB or 0x61 or 0x62 or 0x67 or 0x68; // functions B, C, D carry n
        if (feedFirst && !d.Has(i, 4, "GS V")) return data.Length - i;
        CutMode? mode = m switch
        {
            CutFullA or 0x30 or CutFullB or 0x61 or 0x67 => CutMode.Full,
            CutPartialA or 0x31 or CutPartialB or 0x62 or 0x68 => CutMode.Partial,
            _ => null,
        };
        d.PrintPendingLine();
        if (mode is { } cut) d.Add(new PaperCut(cut));
        else d.Warn(i, 0, $"GS V mode 0x{m:X2} unknown");
        return feedFirst ? 4 : 3;
    }

    /// <summary>GS ( fn pL pH body: skipped by its length unless it is GS ( k.</summary>
    private static int Extended(EscPosDecoder d, int i)
    {
        var data = d.Data;
        if (!d.Has(i, 5, "GS (")) return data.Length - i;
        int length = data[i + 3] | (data[i + 4] << 8);
        if (!d.Has(i, 5 + length, $"GS ( {(char)data[i + 2]}")) return data.Length - i;
        if (data[i + 2] == (byte)'k') d.QrFunction(i, data.AsSpan(i + 5, length));
        else d.Warn(i, 0, $"GS ( {(char)data[i + 2]} skipped");
        return 5 + length;
    }

    private static int Raster(EscPosDecoder d, int i)
    {
        var data = d.Data;
        if (!d.Has(i, 8, "GS v 0")) return data.Length - i;
        if (data[i + 2] != 0x30) return d.Warn(i, 2, "GS v without '0'");
        int bytesPerRow = data[i + 4] | (data[i + 5] << 8), rows = data[i + 6] | (data[i + 7] << 8);
        int size = bytesPerRow * rows;
        if (!d.Has(i, 8 + size, "GS v 0 image data")) return data.Length - i;
        if (data[i + 3] % 48 != 0) d.Warn(i, 0, "GS v 0 double width/height scaling not shown");
        d.PrintPendingLine();
        d.Add(new PrintedImage(bytesPerRow, rows, data.AsSpan(i + 8, size).ToArray(), d.Alignment));
        return 8 + size;
    }

    /// <summary>GS k: function A (m 0–6) ends with NUL, function B (m 65–73) carries a length byte.</summary>
    private static int Barcode(EscPosDecoder d, int i)
    {
        var data = d.Data;
        if (!d.Has(i, 4, "GS k")) return data.Length - i;
        d.PrintPendingLine();
        d.Warn(i, 0, "barcode not drawn by the virtual printer");
        if (data[i + 2] <= 6)
        {
            int end = Array.IndexOf(data, (byte)0, i + 3);
            return end < 0 ? data.Length - i : end - i + 1;
        }
        int length = 4 + data[i + 3];
        return d.Has(i, length, "GS k") ? length : data.Length - i;
    }
}
