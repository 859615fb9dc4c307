using RadAnon.SyntheticData;
using RadAnon.TestSupport;
using Xunit.Abstractions;

namespace RadAnon.E2E.Tests;

/// <summary>
/// The bomb and limit suite against the real service: every hostile input gets a 4xx problem with its stable
/// type, within bounded time and bounded growth of the server's peak resident memory (see
/// <see cref="HostileServerFixture.PeakGrowthBound"/>); the figures land in TestResults/hostile-input.tsv.
/// </summary>
public sealed class HostileInputSuiteTests : IClassFixture<HostileServerFixture>
{
    private const string Problems = "https://radanon.dev/problems/";
    private static readonly TimeSpan TimeBound = TimeSpan.FromSeconds(30);

    private static readonly Dictionary<string, (Func<byte[]> Build, string MediaType, int Status, string Type)> Bombs = new(StringComparer.Ordinal)
    {
        ["dicom-length-2^32-2"] = (HostileFiles.DicomLength2Pow32Minus2, "application/dicom", 422, "invalid-dicom"),
        ["dicom-65535x65535x16bit"] = (HostileFiles.DicomHuge16BitImage, "application/dicom", 413, "image-too-large"),
        ["dicom-sequences-100000-deep"] = (() => HostileFiles.DicomNestedSequences(100_000), "application/dicom", 422, "invalid-dicom"),
        ["dicom-million-tiny-elements"] = (() => HostileFiles.DicomTinyElements(1_000_000), "application/dicom", 422, "invalid-dicom"),
        ["dicom-deflate-bomb-256MiB"] = (() => HostileFiles.DicomDeflateBomb(256L * 1024 * 1024), "application/dicom", 422, "invalid-dicom"),
        ["dicom-j2k-65536-tiles"] = (() => HostileFiles.DicomJpeg2000TileBomb(256, 1), "application/dicom", 422, "invalid-dicom"),
        ["dicom-j2k-262144-tiles"] = (() => HostileFiles.DicomJpeg2000TileBomb(512, 1), "application/dicom", 422, "invalid-dicom"),
        ["png-100000x100000"] = (() => HostileFiles.PngDeclaring(100_000, 100_000), "image/png", 413, "image-too-large"),
        ["jpeg-65500x65500"] = (() => HostileFiles.JpegDeclaring(65_500, 65_500), "image/jpeg", 413, "image-too-large"),
        ["body-over-MaxRequestBytes"] = (() => new byte[HostileFiles.Truncated([], 0).Length + (int)HostileServerFixture.MaxRequestBytes + 1], "application/dicom", 413, "request-too-large"),
        ["not-an-image-text"] = (() => "name,birth date\nDOE^JOHN,19700101\n"u8.ToArray(), "application/dicom", 415, "unsupported-media-type"),
        ["not-an-image-pdf"] = (() => "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray(), "image/png", 415, "unsupported-media-type"),
        ["wrong-magic-dicom"] = (WrongMagicDicom, "application/dicom", 415, "unsupported-media-type"),
        ["empty-body"] = (() => [], "application/dicom", 400, "missing-file"),
        ["zip-bomb-48MiB-entry"] = (() => ZipOfZeros(48L * 1024 * 1024), "application/zip", 422, "unsafe-archive"),
    };

    private readonly HostileServerFixture _fixture;
    private readonly ITestOutputHelper _output;

    public HostileInputSuiteTests(HostileServerFixture fixture, ITestOutputHelper output)
    {
        _fixture = fixture;
        _output = output;
    }

    public static TheoryData<string> BombNames() => new(Bombs.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(BombNames))]
    public async Task Bomb_IsRefusedWithItsProblem_InBoundedTimeAndMemory(string name)
    {
        var (build, mediaType, status, type) = Bombs[name];

        var (actualStatus, actualType, m) = await _fixture.MeasureAsync(name, build(), mediaType);

        _output.WriteLine(m.ToString());
        Assert.Equal((status, Problems + type), (actualStatus, actualType));
        Assert.True(m.Elapsed < TimeBound, $"{name} took {m.Elapsed}");
        Assert.True(m.PeakGrowthBytes <= HostileServerFixture.PeakGrowthBound, $"{name} grew the server's peak memory by {m.PeakGrowthBytes / 1048576} MiB");
    }

    public static TheoryData<string> TruncationSubjects()
    {
        var data = new TheoryData<string> { "synthetic.dcm", "synthetic-rle.dcm", "synthetic.png", "synthetic.jpg" };
        foreach (var syntax in CompressedSyntaxes)
        {
            if (CorpusIndex.Dicom.FirstOrDefault(e => e.TransferSyntaxUid == syntax && !e.IsMalformed && e.Frames is "" or "1" && new FileInfo(e.FullPath).Length < 2_000_000) is { } entry)
            {
                data.Add("corpus:" + entry.Path);
            }
        }

        return data;
    }

    /// <summary>Every sixteenth of a file, 1/16 to 15/16: refused with a 4xx problem, never an image presented as clean.</summary>
    [Theory]
    [MemberData(nameof(TruncationSubjects))]
    public async Task TruncatedAtEverySixteenth_IsRefused_NeverCleaned(string subject)
    {
        var (file, mediaType) = Subject(subject);
        for (var k = 1; k < 16; k++)
        {
            var (status, type, m) = await _fixture.MeasureAsync($"truncated {subject} {k}/16", HostileFiles.Truncated(file, k), mediaType);
            _output.WriteLine(m.ToString());
            Assert.True(status is >= 400 and < 500, $"{subject} cut at {k}/16 answered {status}");
            Assert.StartsWith(Problems, type, StringComparison.Ordinal);
            Assert.True(m.Elapsed < TimeBound, $"{subject} cut at {k}/16 took {m.Elapsed}");
            Assert.True(m.PeakGrowthBytes <= HostileServerFixture.PeakGrowthBound, $"{subject} cut at {k}/16 grew the peak by {m.PeakGrowthBytes / 1048576} MiB");
        }
    }

    private static readonly string[] CompressedSyntaxes =
        ["1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.70", "1.2.840.10008.1.2.4.80", "1.2.840.10008.1.2.4.90", "1.2.840.10008.1.2.4.91", "1.2.840.10008.1.2.5"];

    private static (byte[] File, string MediaType) Subject(string subject)
    {
        if (subject.StartsWith("corpus:", StringComparison.Ordinal))
        {
            return (File.ReadAllBytes(CorpusIndex.Get(subject["corpus:".Length..]).FullPath), "application/dicom");
        }

        var image = RadiographGenerator.Generate(5, new GeneratorOptions { Width = 384, Height = 448, BitsStored = subject.EndsWith(".dcm", StringComparison.Ordinal) ? 12 : 8 }).Image;
        var header = SyntheticHeaders.ComputedRadiography("QXTRUNC", "DOE^JANE", "4242");
        return subject switch
        {
            "synthetic.dcm" => (SyntheticFiles.Dicom(image, header), "application/dicom"),
            "synthetic-rle.dcm" => (SyntheticFiles.DicomRle(image, header), "application/dicom"),
            "synthetic.png" => (SyntheticFiles.Png(image), "image/png"),
            "synthetic.jpg" => (SyntheticFiles.Jpeg(image), "image/jpeg"),
            _ => throw new ArgumentOutOfRangeException(nameof(subject), subject, "unknown subject"),
        };
    }

    /// <summary>A batch ZIP of one entry: <paramref name="bytes"/> zeros, deflated about a thousandfold.</summary>
    private static byte[] ZipOfZeros(long bytes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry("case/zeros.dcm", System.IO.Compression.CompressionLevel.Fastest).Open();
            var zeros = new byte[1 << 20];
            for (long written = 0; written < bytes; written += zeros.Length)
            {
                entry.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A real DICOM file whose "DICM" at offset 128 reads "DICN".</summary>
    private static byte[] WrongMagicDicom()
    {
        var file = SyntheticFiles.Dicom(RadAnon.Core.Pixels.GrayImage.Create8(8, 8), SyntheticHeaders.ComputedRadiography("QXMAGIC", "A^B", "1"));
        file[131] = (byte)'N';
        return file;
    }
}
