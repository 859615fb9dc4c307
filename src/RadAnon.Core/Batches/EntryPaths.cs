namespace RadAnon.Core.Batches;

/// <summary>
/// Entry names judged as paths: '\' counts as a separator (Windows tools write it), empty and "." segments are
/// dropped, and anything that could leave the archive's root (a ".." segment, a leading '/', a drive letter or any
/// ':', a control character) is refused, whether or not the path would land back inside.
/// </summary>
public static class EntryPaths
{
    public const int MaxPathLength = 1024;

    /// <summary>The normalised relative path ('/'-separated) and whether the entry is a folder.</summary>
    public static (string Path, bool IsFolder) Normalize(string name, int index)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0 || name.Length > MaxPathLength)
        {
            throw new UnsafeArchiveException($"entry {index} has a name of {name.Length} characters; names must be 1 to {MaxPathLength}");
        }

        foreach (var c in name)
        {
            if (char.IsControl(c))
            {
                throw new UnsafeArchiveException($"entry {index} has a control character in its name");
            }
        }

        var path = name.Replace('\\', '/');
        if (path[0] == '/')
        {
            throw new UnsafeArchiveException($"entry {index} has an absolute path; entries must be relative to the archive root");
        }

        if (path.Contains(':', StringComparison.Ordinal))
        {
            throw new UnsafeArchiveException($"entry {index} has a ':' in its path (a drive letter or stream name); entries must be relative to the archive root");
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment == "..")
            {
                throw new UnsafeArchiveException($"entry {index} has a '..' segment in its path, which could write outside the archive root");
            }

            if (segment.Length > 0 && segment != ".")
            {
                segments.Add(segment);
            }
        }

        var isFolder = path.EndsWith('/') || segments.Count == 0;
        return (string.Join('/', segments), isFolder);
    }

    /// <summary>Operating-system litter not worth a failure: __MACOSX/ resource forks and dotfiles (.DS_Store...).</summary>
    public static bool IsLitter(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.StartsWith("__MACOSX/", StringComparison.OrdinalIgnoreCase) || path.Split('/').Any(s => s.StartsWith('.'));
    }

    /// <summary>"folder/name" without its extension (dots in folder names kept).</summary>
    public static string Stem(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var dot = path.LastIndexOf('.');
        return dot > path.LastIndexOf('/') + 1 ? path[..dot] : path;
    }
}

/// <summary>
/// Names in the output ZIP: the entry's path with the output extension and a report beside it. Two inputs that would
/// give the same output (scan.png and scan.jpg as PNG) get "~2", "~3"... on the later one; failures.json and
/// summary.json are reserved. Compared case-insensitively, so the output unpacks on every file system.
/// </summary>
public sealed class BatchOutputNames
{
    public const string Failures = "failures.json";
    public const string Summary = "summary.json";

    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase) { Failures, Summary };

    public (string Output, string Report) Reserve(string path, string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var stem = EntryPaths.Stem(path);
        var ext = "." + extension.TrimStart('.');
        var candidate = stem;
        for (var n = 2; _used.Contains(candidate + ext) || _used.Contains(candidate + ".report.json"); n++)
        {
            candidate = $"{stem}~{n}";
        }

        _used.Add(candidate + ext);
        _used.Add(candidate + ".report.json");
        return (candidate + ext, candidate + ".report.json");
    }
}
