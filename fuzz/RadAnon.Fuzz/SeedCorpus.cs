using System.IO.Compression;

namespace RadAnon.Fuzz;

/// <summary>Seeds for a target from a folder (the shared corpus): DICOM files for dicom, PNG/JPEG files for raster, ZIPs of both for zip.</summary>
public static class SeedCorpus
{
    /// <summary>Files up to 2 MiB, so each execution stays fast; sorted for reproducible runs.</summary>
    public static IReadOnlyList<byte[]> Load(string directory, string target, int maxSeeds = 400)
    {
        if (target == "zip")
        {
            return ZipSeeds(Load(directory, "raster", 6).Concat(Load(directory, "dicom", 6)).ToList());
        }

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
