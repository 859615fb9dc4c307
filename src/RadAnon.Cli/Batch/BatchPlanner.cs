namespace RadAnon.Cli.Batch;

/// <summary>
/// Lists a batch's inputs (files, and folders recursively in ordinal order) with their output paths, without reading
/// any file's bytes. Files inside OUTDIR are never inputs, so re-running into a folder below the input works.
/// </summary>
internal static class BatchPlanner
{
    private static readonly string[] KnownExtensions = [".dcm", ".dicom", ".png", ".jpg", ".jpeg"];

    /// <summary>The items, and the ones whose report path another input already claims (so both cannot be written).</summary>
    public static (IReadOnlyList<BatchItem> Items, IReadOnlyList<BatchItem> Collisions) Plan(IReadOnlyList<string> inputs, string outputDirectory)
    {
        var outRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory)) + Path.DirectorySeparatorChar;
        var items = new List<BatchItem>();
        var collisions = new List<BatchItem>();
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (input, relative) in Expand(inputs))
        {
            if (Path.GetFullPath(input).StartsWith(outRoot, StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(outRoot, relative);
            var stem = KnownExtensions.FirstOrDefault(e => target.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } ext ? target[..^ext.Length] : target;
            var item = new BatchItem(items.Count, input, relative, stem, SizeOf(input));
            (claimed.Add(item.ReportPath) ? items : collisions).Add(item);
        }

        return (items, collisions);
    }

    /// <summary>Deletes the temporary files a killed run left in OUTDIR; returns how many.</summary>
    public static int SweepTemporaryFiles(string outputDirectory)
    {
        if (!Directory.Exists(outputDirectory))
        {
            return 0;
        }

        var swept = 0;
        foreach (var file in Directory.EnumerateFiles(outputDirectory, ".*", SearchOption.AllDirectories).Where(AtomicFile.IsTemporary))
        {
            File.Delete(file);
            swept++;
        }

        return swept;
    }

    /// <summary>Each input file with its output path relative to OUTDIR: a folder's files keep their path below it.</summary>
    private static IEnumerable<(string Input, string Relative)> Expand(IReadOnlyList<string> inputs)
    {
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(input));
                foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    yield return (file, Path.Combine(Path.GetFileName(root), Path.GetRelativePath(root, file)));
                }
            }
            else
            {
                yield return (input, Path.GetFileName(input));
            }
        }
    }

    /// <summary>The size of the file a path leads to: FileInfo.Length of a symbolic link is the link's own length.</summary>
    private static long SizeOf(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? info.Length : new FileInfo(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path).Length;
    }
}
