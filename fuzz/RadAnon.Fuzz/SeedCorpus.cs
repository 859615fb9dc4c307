namespace RadAnon.Fuzz;

/// <summary>Seeds for a target from a folder (the shared corpus): DICOM files for dicom, PNG/JPEG files for raster.</summary>
public static class SeedCorpus
{
    /// <summary>Files up to 2 MiB, so each execution stays fast; sorted for reproducible runs.</summary>
    public static IReadOnlyList<byte[]> Load(string directory, string target, int maxSeeds = 400)
    {
        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length is > 0 and <= 2 << 20)
            .Where(f => Matches(f, target))
            .Order(StringComparer.Ordinal)
            .Take(maxSeeds)
            .Select(File.ReadAllBytes)
            .ToList();
        return files;
    }

    private static bool Matches(string path, string target)
    {
        var ext = Path.GetExtension(path).ToLowerInvariant();
        var isRaster = ext is ".png" or ".jpg" or ".jpeg";
        return target == "raster" ? isRaster : !isRaster && ext is not ".json" and not ".txt" and not ".md" and not ".tsv" and not ".py";
    }
}
