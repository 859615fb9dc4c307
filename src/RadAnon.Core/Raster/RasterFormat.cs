namespace RadAnon.Core.Raster;

/// <summary>The non-DICOM image containers RadAnon accepts and writes.</summary>
public enum RasterFormat
{
    Png,
    Jpeg,
}

/// <summary>Recognises PNG and JPEG by their signatures, never by file name.</summary>
public static class RasterFormatDetector
{
    public static RasterFormat? Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length >= 8 && bytes[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return RasterFormat.Png;
        }

        if (bytes.Length >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF)
        {
            return RasterFormat.Jpeg;
        }

        return null;
    }
}
