using RadAnon.Dicom.Codecs;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;
using RadAnon.TestSupport;

namespace RadAnon.Dicom.Tests.Codecs;

/// <summary>Our RLE encoder and decoder round-trip exactly, and dcmtk decodes what we encode.</summary>
public sealed class RleCodecTests
{
    private static readonly TransferSyntax Rle = TransferSyntax.Lookup(TransferSyntax.RleLosslessUid);

    public static TheoryData<int, int, int, int, bool, string> Shapes => new()
    {
        { 1, 1, 1, 8, false, "noise" },
        { 3, 5, 1, 8, false, "noise" },
        { 7, 300, 1, 8, false, "runs" },
        { 64, 64, 1, 16, true, "noise" },
        { 33, 17, 3, 8, false, "runs" },
        { 9, 11, 3, 16, false, "mixed" },
        { 5, 129, 3, 32, false, "mixed" },
        { 4, 257, 1, 32, true, "runs" },
        { 2, 1000, 4, 8, false, "mixed" },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EncodeThenDecode_SyntheticFrame_RoundTripsExactly(int rows, int columns, int samples, int bits, bool signed, string content)
    {
        var description = Describe(rows, columns, samples, bits, signed);
        var frame = Synthesize(description, content, seed: rows * columns);
        var encoded = FrameCodecs.GetEncoder(Rle)!.Encode(frame, description);
        Assert.Equal(0, encoded.Length % 2);
        var decoded = new byte[description.DecodedFrameLength];
        FrameCodecs.GetDecoder(Rle).Decode(encoded, description, decoded);
        Assert.Equal(frame, decoded);
    }

    [Fact]
    public void Encode_LongRun_SplitsIntoRunsOfAtMost128()
    {
        var description = Describe(1, 300, 1, 8, false);
        var encoded = FrameCodecs.GetEncoder(Rle)!.Encode(new byte[300], description);
        // Header, then -127 0, -127 0, -43 0 (128 + 128 + 44 zeros) and no padding needed.
        Assert.Equal(new byte[] { 0x81, 0, 0x81, 0, 0xD5, 0 }, encoded[64..]);
    }

    [Fact]
    public void Decode_SegmentOrder_IsMostSignificantByteFirstPerSample()
    {
        // Two 16-bit samples per pixel, one pixel: segments are S0 MSB, S0 LSB, S1 MSB, S1 LSB.
        var description = Describe(1, 1, 4, 8, false);
        var encoded = new byte[64 + 8];
        encoded[0] = 4;
        for (var i = 0; i < 4; i++)
        {
            encoded[4 + (4 * i)] = (byte)(64 + (2 * i));
            encoded[64 + (2 * i)] = 0;
            encoded[65 + (2 * i)] = (byte)(0x10 + i);
        }

        var decoded = new byte[4];
        FrameCodecs.GetDecoder(Rle).Decode(encoded, description, decoded);
        Assert.Equal(new byte[] { 0x10, 0x11, 0x12, 0x13 }, decoded);

        var wide = Describe(1, 1, 3, 16, false);
        encoded = new byte[64 + 12];
        encoded[0] = 6;
        for (var i = 0; i < 6; i++)
        {
            encoded[4 + (4 * i)] = (byte)(64 + (2 * i));
            encoded[65 + (2 * i)] = (byte)(0xA0 + i);
        }

        decoded = new byte[6];
        FrameCodecs.GetDecoder(Rle).Decode(encoded, wide, decoded);
        Assert.Equal(new byte[] { 0xA1, 0xA0, 0xA3, 0xA2, 0xA5, 0xA4 }, decoded);
    }

    public static TheoryData<string> NativeFiles()
    {
        var data = new TheoryData<string>();
        foreach (var e in CorpusIndex.Dicom.Where(e => e.TransferSyntaxUid is TransferSyntax.ExplicitVRLittleEndianUid
            && !e.IsMalformed && e.Rows.Length > 0 && e.BitsStored != "1" && !e.Notes.Contains("no pixel data", StringComparison.Ordinal)))
        {
            data.Add(e.Path);
        }

        if (data.Count == 0)
        {
            data.Add(CorpusIndex.MissingCorpus);
        }

        return data;
    }

    [ToolTheory(CodecOracle.DcmDrle)]
    [MemberData(nameof(NativeFiles))]
    public void Encode_NativeCorpusFile_DecodesIdenticallyWithOursAndDcmdrle(string path)
    {
        using var native = DicomFile.Open(Path.Combine(Repository.CorpusDirectory, path));
        IReadOnlyList<PixelFrame> frames;
        try
        {
            frames = CodecOracle.DecodeAll(native);
        }
        catch (RadAnonException)
        {
            return; // Files whose native pixels we reject are covered by the reader tests.
        }

        if (frames[0].Description.BitsAllocated is not (8 or 16 or 32))
        {
            return;
        }

        var encodedPath = Path.Combine(Path.GetTempPath(), $"radanon-rle-{Guid.NewGuid():N}.dcm");
        try
        {
            EncodeRle(native, frames).Save(encodedPath);
            using var reread = DicomFile.Open(encodedPath);
            Assert.Equal(TransferSyntax.RleLosslessUid, reread.TransferSyntax.Uid);
            Assert.True(FrameComparison.Compare(CodecOracle.DecodeAll(reread), frames).Exact, "our decoder disagrees with our encoder");
            var (reference, detail) = CodecOracle.Decode(CodecOracle.DcmDrle, encodedPath);
            Assert.True(reference is not null, detail);
            var comparison = FrameComparison.Compare(reference, frames);
            Assert.True(comparison.Exact, $"dcmdrle decodes our RLE differently: {comparison}");
        }
        finally
        {
            File.Delete(encodedPath);
        }
    }

    /// <summary>A copy of <paramref name="native"/> whose pixel data is our RLE encoding of <paramref name="frames"/>.</summary>
    internal static DicomFile EncodeRle(DicomFile native, IReadOnlyList<PixelFrame> frames)
    {
        var d = frames[0].Description with { HighBit = frames[0].Description.BitsStored - 1, PlanarConfiguration = 0 };
        var encoder = FrameCodecs.GetEncoder(Rle)!;
        var fragments = frames.Select(f => (ReadOnlyMemory<byte>)encoder.Encode(f.Bytes, d)).ToList();
        var dataset = native.Dataset.Clone();
        dataset.AddOrReplace(new DicomFragments(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, fragments));
        dataset.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, frames[0].PhotometricInterpretation);
        dataset.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)d.HighBit);
        if (d.SamplesPerPixel > 1)
        {
            dataset.AddOrUpdate(DicomTags.PlanarConfiguration, DicomVR.US, (ushort)0);
        }

        return new DicomFile(native.FileMetaInformation.Clone(), dataset, Rle);
    }

    internal static PixelDescription Describe(int rows, int columns, int samples, int bits, bool signed) => new()
    {
        Rows = rows,
        Columns = columns,
        SamplesPerPixel = samples,
        BitsAllocated = bits,
        BitsStored = bits,
        HighBit = bits - 1,
        PixelRepresentation = signed ? 1 : 0,
    };

    /// <summary>Noise (literal runs), flat stretches (replicate runs) or a mix of both.</summary>
    internal static byte[] Synthesize(PixelDescription d, string content, int seed)
    {
        var random = new Random(seed);
        var frame = new byte[d.DecodedFrameLength];
        random.NextBytes(frame);
        if (content == "noise")
        {
            return frame;
        }

        var stretch = content == "runs" ? 500 : 7;
        for (var i = 0; i < frame.Length; i += stretch * 2)
        {
            frame.AsSpan(i, Math.Min(stretch, frame.Length - i)).Fill((byte)(i / stretch));
        }

        return frame;
    }
}
