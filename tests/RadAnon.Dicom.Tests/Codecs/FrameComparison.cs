using System.Buffers.Binary;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Dicom.Tests.Codecs;

/// <summary>How far two decodings of the same frames are apart, sample by sample.</summary>
public sealed record FrameComparison(long Samples, long Differing, long MaxAbsDiff, double MeanAbsDiff)
{
    public bool Exact => Differing == 0;

    /// <summary>The lossy tolerance of issue 2: max abs diff at most 2, mean abs diff at most 0.5.</summary>
    public bool WithinLossyTolerance => MaxAbsDiff <= 2 && MeanAbsDiff <= 0.5;

    public override string ToString() => $"{Differing}/{Samples} samples differ, max {MaxAbsDiff}, mean {MeanAbsDiff:F4}";

    public static FrameComparison Compare(IReadOnlyList<PixelFrame> ours, IReadOnlyList<PixelFrame> reference)
    {
        Assert.Equal(reference.Count, ours.Count);
        long samples = 0, differing = 0, max = 0;
        double sum = 0;
        for (var f = 0; f < ours.Count; f++)
        {
            var a = Widen(ours[f]);
            var b = Widen(reference[f]);
            Assert.Equal(b.Length, a.Length);
            for (var i = 0; i < a.Length; i++)
            {
                var d = Math.Abs(a[i] - b[i]);
                if (d != 0)
                {
                    differing++;
                    max = Math.Max(max, d);
                    sum += d;
                }
            }

            samples += a.Length;
        }

        return new FrameComparison(samples, differing, max, samples == 0 ? 0 : sum / samples);
    }

    /// <summary>Every sample of a frame as a signed 64-bit value, honouring PixelRepresentation.</summary>
    public static long[] Widen(PixelFrame frame)
    {
        var bytes = frame.Bytes;
        var bps = frame.Description.BytesPerSample;
        var signed = frame.Description.IsSigned;
        var values = new long[bytes.Length / bps];
        for (var i = 0; i < values.Length; i++)
        {
            var s = bytes.Slice(i * bps, bps);
            values[i] = (bps, signed) switch
            {
                (1, false) => s[0],
                (1, true) => (sbyte)s[0],
                (2, false) => BinaryPrimitives.ReadUInt16LittleEndian(s),
                (2, true) => BinaryPrimitives.ReadInt16LittleEndian(s),
                (_, false) => BinaryPrimitives.ReadUInt32LittleEndian(s),
                _ => BinaryPrimitives.ReadInt32LittleEndian(s),
            };
        }

        return values;
    }
}
