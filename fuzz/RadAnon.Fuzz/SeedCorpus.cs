using System.IO.Compression;
using System.Security.Cryptography;

namespace RadAnon.Fuzz;

/// <summary>
/// Seeds for a target from a folder (the shared corpus): DICOM files for dicom, PNG/JPEG files for raster, ZIPs of both
/// for zip, and for a codec target the first frame of each corpus file in one of its syntaxes (see <see cref="CodecInput"/>).
/// </summary>
public static class SeedCorpus
{
    /// <summary>Codec seeds whose frame decodes to at most this many bytes (RLE, which is fast, up to 1 MiB), so
    /// each execution stays fast: frames up to about 512x512 8-bit or 384x384 16-bit.</summary>
    public const long MaxCodecSeedFrameBytes = 300_000;

    /// <summary>Files up to <paramref name="maxFileBytes"/> (2 MiB unless given), so each execution stays fast;
    /// sorted for reproducible runs. The raster target also gets the corpus's 8-bit JPEG frames as JPEG files.</summary>
    public static IReadOnlyList<byte[]> Load(string directory, string target, int maxSeeds = 400, long maxFileBytes = 2 << 20)
    {
        if (target == "zip")
        {
            return ZipSeeds(Load(directory, "raster", 6).Concat(Load(directory, "dicom", 6)).ToList());
        }

        if (CodecInput.Syntaxes.ContainsKey(target))
        {
            var maxFrame = target == "rle" ? 1 << 20 : MaxCodecSeedFrameBytes;
            return Files(directory, "dicom", 16 << 20)
                .Select(f => CodecInput.FromDicom(File.ReadAllBytes(f), target, maxFrame))
                .OfType<byte[]>()
                .DistinctBy(b => Convert.ToHexString(SHA256.HashData(b)))
                .Take(maxSeeds)
                .ToList();
        }

        var files = Files(directory, target, maxFileBytes).Select(File.ReadAllBytes);
        if (target == "raster")
        {
            // A DICOM JPEG frame is a JPEG file; 8-bit ones (precision byte after SOFn) are what libvips reads.
            files = files.Concat(Load(directory, "jpeg", maxSeeds, maxFileBytes)
                .Where(s => s.Length <= maxFileBytes && IsEightBitJpeg(s.AsSpan(CodecInput.HeaderLength)))
                .Select(s => s[CodecInput.HeaderLength..]));
        }

        return files.Take(maxSeeds).ToList();
    }

    private static bool IsEightBitJpeg(ReadOnlySpan<byte> stream)
    {
        var sof = stream.IndexOf([(byte)0xFF, (byte)0xC0]);
        sof = sof < 0 ? stream.IndexOf([(byte)0xFF, (byte)0xC1]) : sof;
        return sof >= 0 && sof + 4 < stream.Length && stream[sof + 4] == 8;
    }

    private static IEnumerable<string> Files(string directory, string target, long maxBytes) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length > 0 && new FileInfo(f).Length <= maxBytes)
            .Where(f => Matches(f, target))
            .Order(StringComparer.Ordinal);

    private static bool Matches(string path, string target)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var isRaster = ext is ".png" or ".jpg" or ".jpeg";
        return target == "raster" ? isRaster : !isRaster && ext is not ".json" and not ".txt" and not ".md" and not ".tsv" and not ".py";
    }

    /// <summary>The corpus has no archives, so zip seeds are built from small corpus files: folders, stored and deflated entries.</summary>
    private static List<byte[]> ZipSeeds(List<byte[]> files)
    {
        var small = files.Where(f => f.Length <= 256 * 1024).Take(6).ToList();
        var seeds = new List<byte[]>();
        foreach (var level in new[] { CompressionLevel.NoCompression, CompressionLevel.Fastest })
        {
            using var buffer = new MemoryStream();
            using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                zip.CreateEntry("study/");
                for (var i = 0; i < small.Count; i++)
                {
                    using var entry = zip.CreateEntry($"study/series{i % 2}/{i}.bin", level).Open();
                    entry.Write(small[i]);
                }
            }

            seeds.Add(buffer.ToArray());
        }

        seeds.Add(Single("a.dcm", new byte[4096]));
        seeds.Add(Single("x/y.png", small.FirstOrDefault() ?? [1, 2, 3]));
        return seeds;
    }

    private static byte[] Single(string name, byte[] content)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
            entry.Write(content);
        }

        return buffer.ToArray();
    }
}
