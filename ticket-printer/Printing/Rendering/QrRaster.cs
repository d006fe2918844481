using QRCoder;

namespace Queue.Printing;

/// <summary>QR code as a GS v 0 raster image, for printers without GS ( k. QRCoder's matrix already has the quiet zone.</summary>
internal static class QrRaster
{
    public static void Write(EscPosWriter writer, string payload)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        int modules = matrix.Count;
        int scale = Math.Min(writer.Profile.QrModuleSize, writer.Profile.Dots / modules);
        if (scale < 1)
            throw new ArgumentException($"QR code of {modules} modules does not fit {writer.Profile.Dots} dots; shorten the status URL.");

        int dots = modules * scale, bytesPerRow = (dots + 7) / 8;
        var bits = new byte[bytesPerRow * dots];
        for (int y = 0; y < dots; y++)
            for (int x = 0; x < dots; x++)
                if (matrix[y / scale][x / scale])
                    bits[y * bytesPerRow + x / 8] |= (byte)(0x80 >> (x % 8)); // MSB is the leftmost dot
        writer.RasterImage(bits, bytesPerRow, dots);
    }
}
