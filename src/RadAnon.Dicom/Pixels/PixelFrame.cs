using System.Runtime.InteropServices;

namespace RadAnon.Dicom.Pixels;

/// <summary>
/// One decoded frame of stored pixel values (before any LUT): colour-by-pixel, little-endian,
/// <see cref="PixelDescription.BytesPerSample"/> bytes per sample, masked to BitsStored and sign-extended
/// when PixelRepresentation is 1.
/// </summary>
public sealed class PixelFrame
{
    private readonly byte[] _data;

    public PixelFrame(PixelDescription description, string photometricInterpretation, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != description.DecodedFrameLength)
        {
            throw new ArgumentException($"frame buffer has {data.Length} bytes; the description needs {description.DecodedFrameLength}", nameof(data));
        }

        Description = description;
        PhotometricInterpretation = photometricInterpretation;
        _data = data;
    }

    public PixelDescription Description { get; }

    /// <summary>The interpretation of these values: as stored, except RGB after a codec's YBR conversion and
    /// YBR_FULL after expanding native YBR_FULL_422.</summary>
    public string PhotometricInterpretation { get; }

    public int Rows => Description.Rows;

    public int Columns => Description.Columns;

    public int SamplesPerPixel => Description.SamplesPerPixel;

    public Span<byte> Bytes => _data;

    public Span<ushort> AsUInt16() => Description.BytesPerSample == 2
        ? MemoryMarshal.Cast<byte, ushort>(_data.AsSpan())
        : throw new InvalidOperationException($"samples are {Description.BytesPerSample} bytes, not 2");

    public Span<short> AsInt16() => Description.BytesPerSample == 2
        ? MemoryMarshal.Cast<byte, short>(_data.AsSpan())
        : throw new InvalidOperationException($"samples are {Description.BytesPerSample} bytes, not 2");

    /// <summary>Sample <paramref name="sample"/> of the pixel at (x, y), widened to int.</summary>
    public int GetSample(int x, int y, int sample = 0)
    {
        var index = (((long)y * Columns) + x) * SamplesPerPixel + sample;
        var bps = Description.BytesPerSample;
        var span = _data.AsSpan((int)(index * bps), bps);
        return (bps, Description.IsSigned) switch
        {
            (1, false) => span[0],
            (1, true) => (sbyte)span[0],
            (2, false) => MemoryMarshal.Read<ushort>(span),
            (2, true) => MemoryMarshal.Read<short>(span),
            (_, false) => (int)Math.Min(MemoryMarshal.Read<uint>(span), int.MaxValue),
            _ => MemoryMarshal.Read<int>(span),
        };
    }
}
