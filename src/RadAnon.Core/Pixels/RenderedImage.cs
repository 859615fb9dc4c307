namespace RadAnon.Core.Pixels;

/// <summary>
/// A display-ready image: 1 band (gray) or 3 bands (RGB), interleaved, 8 or 16 bits per sample
/// (16-bit samples little-endian). Width and height always equal the source's.
/// </summary>
public sealed class RenderedImage
{
    public RenderedImage(int width, int height, int bands, int bitsPerSample, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (bands is not (1 or 3) || bitsPerSample is not (8 or 16))
        {
            throw new ArgumentException($"{bands} bands at {bitsPerSample} bits is not a display format");
        }

        if (data.Length != (long)width * height * bands * (bitsPerSample / 8))
        {
            throw new ArgumentException("buffer size does not match the geometry", nameof(data));
        }

        Width = width;
        Height = height;
        Bands = bands;
        BitsPerSample = bitsPerSample;
        Data = data;
    }

    public int Width { get; }

    public int Height { get; }

    public int Bands { get; }

    public int BitsPerSample { get; }

    public byte[] Data { get; }
}
