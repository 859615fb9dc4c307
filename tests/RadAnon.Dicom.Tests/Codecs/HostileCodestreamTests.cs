using System.Buffers.Binary;
using RadAnon.Dicom.Codecs;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;
using RadAnon.TestSupport;

namespace RadAnon.Dicom.Tests.Codecs;

/// <summary>
/// Truncated and corrupted code streams raise <see cref="InvalidDicomException"/> or
/// <see cref="UnsupportedPixelDataException"/> — never another exception, a crash or a hang.
/// </summary>
public sealed class HostileCodestreamTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    /// <summary>One or two corpus files per codec, small enough to mutate many times.</summary>
    public static TheoryData<string> Samples => new()
    {
        "pydicom/SC_rgb_rle.dcm",
        "pydicom/SC_rgb_rle_16bit_2frame.dcm",
        "orthanc-tests/Encodings/Lena-ascii.dcm",
        "pydicom/JPEG-lossy.dcm",
        "orthanc-tests/TransferSyntaxes/1.2.840.10008.1.2.4.57.dcm",
        "fo-dicom/GH1261.dcm",
        "pydicom/MR_small_jpeg_ls_lossless.dcm",
        "pydicom/SC_rgb_jls_lossy_line.dcm",
        "pydicom/MR_small_jp2klossless.dcm",
        "pydicom/SC_rgb_gdcm_KY.dcm",
    };

    [CorpusTheory]
    [MemberData(nameof(Samples))]
    public void Decode_TruncatedFrame_RaisesInvalidOrUnsupported(string path)
    {
        var (frame, description, decoder) = FirstFrame(path);
        foreach (var cut in new[] { 0, 1, 3, 16, frame.Length / 4, frame.Length / 2, frame.Length * 3 / 4, frame.Length * 9 / 10 })
        {
            var outcome = Run(decoder, frame.AsSpan(0, cut).ToArray(), description);
            Assert.True(outcome is InvalidDicomException or UnsupportedPixelDataException,
                $"{path} cut to {cut} of {frame.Length} bytes gave {outcome?.GetType().Name ?? "success"}: {outcome?.Message}");
        }
    }

    [CorpusTheory]
    [MemberData(nameof(Samples))]
    public void Decode_CorruptedFrame_DecodesOrRaisesInvalidOrUnsupported(string path)
    {
        var (frame, description, decoder) = FirstFrame(path);
        var random = new Random(frame.Length);
        for (var trial = 0; trial < 40; trial++)
        {
            var mutated = frame.ToArray();
            switch (trial % 4)
            {
                case 0: // a few random bytes anywhere, headers included
                    for (var i = 0; i < 4; i++)
                    {
                        mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                    }

                    break;
                case 1: // a header field blown up to its maximum
                    mutated.AsSpan(random.Next(Math.Min(64, mutated.Length - 4)), 4).Fill(0xFF);
                    break;
                case 2: // a run of marker bytes in the middle
                    mutated.AsSpan(mutated.Length / 2, Math.Min(16, mutated.Length / 2)).Fill(0xFF);
                    break;
                default: // the second half zeroed
                    mutated.AsSpan(mutated.Length / 2).Clear();
                    break;
            }

            var outcome = Run(decoder, mutated, description);
            Assert.True(outcome is null or InvalidDicomException or UnsupportedPixelDataException,
                $"{path} trial {trial} gave {outcome?.GetType().Name}: {outcome}");
        }
    }

    [Fact]
    public void Decode_Jpeg2000DeclaringMillionsOfTiles_IsRejectedBeforeOpenJpegAllocates()
    {
        // SOC, then a SIZ for a 512x512 single-component image cut into 1x1 tiles.
        var siz = new byte[4 + 41];
        siz[0] = 0xFF;
        siz[1] = 0x4F;
        siz[2] = 0xFF;
        siz[3] = 0x51;
        var s = siz.AsSpan(4);
        BinaryPrimitives.WriteUInt16BigEndian(s, 41);
        BinaryPrimitives.WriteUInt32BigEndian(s[4..], 512);
        BinaryPrimitives.WriteUInt32BigEndian(s[8..], 512);
        BinaryPrimitives.WriteUInt32BigEndian(s[20..], 1);
        BinaryPrimitives.WriteUInt32BigEndian(s[24..], 1);
        BinaryPrimitives.WriteUInt16BigEndian(s[36..], 1);
        s[38] = 15;
        s[39] = 1;
        s[40] = 1;
        var description = RleCodecTests.Describe(512, 512, 1, 16, false);
        var decoder = FrameCodecs.GetDecoder(TransferSyntax.Lookup(TransferSyntax.Jpeg2000LosslessUid));
        var e = Assert.Throws<InvalidDicomException>(() => decoder.Decode(siz, description, new byte[description.DecodedFrameLength]));
        Assert.Contains("262144 tiles", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TransferSyntax.JpegLosslessSV1Uid, new byte[] { 0xFF, 0xD8, 0xFF, 0xC3, 0, 11, 16, 0x40, 0, 0x40, 0, 1, 1, 0x11, 0 })]
    [InlineData(TransferSyntax.JpegBaselineUid, new byte[] { 0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0xFF, 0xFF, 0xFF, 0xFF, 1, 1, 0x11, 0 })]
    public void Decode_JpegLargerThanTheDataset_IsRejectedBeforeDecoding(string syntax, byte[] stream)
    {
        var description = RleCodecTests.Describe(16, 16, 1, 16, false);
        var decoder = FrameCodecs.GetDecoder(TransferSyntax.Lookup(syntax));
        Assert.Throws<InvalidDicomException>(() => decoder.Decode(stream, description, new byte[description.DecodedFrameLength]));
    }

    [CorpusTheory]
    [InlineData("pydicom-data/HTJ2KLossless_08_RGB.dcm", "1.2.840.10008.1.2.4.201")]
    [InlineData("dcm4che/will-jxl.dcm", "1.2.840.10008.1.2.4.111")]
    public void Decode_HtJ2kAndJpegXl_RaiseUnsupportedTransferSyntaxNamingTheUid(string path, string uid)
    {
        using var file = DicomFile.Open(Path.Combine(Repository.CorpusDirectory, path));
        var e = Assert.Throws<UnsupportedTransferSyntaxException>(() => new PixelDataDecoder(file).DecodeFrame(0));
        Assert.Equal(uid, e.TransferSyntaxUid);
    }

    private static (byte[] Frame, PixelDescription Description, IFrameDecoder Decoder) FirstFrame(string path)
    {
        using var file = DicomFile.Open(Path.Combine(Repository.CorpusDirectory, path));
        var description = PixelDescription.FromDataset(file.Dataset);
        var fragments = (DicomFragments)file.Dataset[DicomTags.PixelData]!;
        var frame = FrameLocator.GetFrame(file.Dataset, fragments, 0, description.NumberOfFrames).ToArray();
        return (frame, description, FrameCodecs.GetDecoder(file.TransferSyntax));
    }

    /// <summary>Decodes on a worker so a hang fails the test instead of stalling the run.</summary>
    private static Exception? Run(IFrameDecoder decoder, byte[] encoded, PixelDescription description)
    {
        var task = Task.Run(() =>
        {
            try
            {
                decoder.Decode(encoded, description, new byte[description.DecodedFrameLength]);
                return null;
            }
            catch (Exception e)
            {
                return e;
            }
        });
        Assert.True(task.Wait(Limit), "decoding did not finish within " + Limit);
        return task.Result;
    }
}
