using System.Security.Cryptography;

namespace RadAnon.Fuzz;

/// <summary>
/// Seeds for a target from a folder (the shared corpus): DICOM files for dicom, PNG/JPEG files for raster, and
/// for a codec target the first frame of each corpus file in one of its syntaxes (see <see cref="CodecInput"/>).
/// </summary>
public static class SeedCorpus
{
    /// <summary>Codec seeds whose frame decodes to at most this many bytes, so each execution stays fast.</summary>
    public const long MaxCodecSeedFrameBytes = 1 << 20;

    /// <summary>Files up to <paramref name="maxFileBytes"/> (2 MiB unless given), so each execution stays fast;
    /// sorted for reproducible runs.</summary>
    public static IReadOnlyList<byte[]> Load(string directory, string target, int maxSeeds = 400, long maxFileBytes = 2 << 20)
    {
        if (CodecInput.Syntaxes.ContainsKey(target))
        {
            return Files(directory, "dicom", 16 << 20)
                .Select(f => CodecInput.FromDicom(File.ReadAllBytes(f), target, MaxCodecSeedFrameBytes))
                .OfType<byte[]>()
                .DistinctBy(b => Convert.ToHexString(SHA256.HashData(b)))
                .Take(maxSeeds)
                .ToList();
        }

        return Files(directory, target, maxFileBytes).Take(maxSeeds).Select(File.ReadAllBytes).ToList();
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
}
