using System.Globalization;

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

            if (IsBidiControl(c) || char.GetUnicodeCategory(c) is UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                throw new UnsafeArchiveException($"entry {index} has a bidirectional-control or line-separator character in its name (rule: names show as they are stored)");
            }
        }

        // One spelling per name: "café" composed and decomposed are one file on macOS and two elsewhere. The process runs
        // with invariant globalization (no normalization tables), so a Latin letter followed by a combining mark, the form
        // every such pair takes, is refused; composed names, and other scripts' marks, are accepted.
        for (var i = 1; i < name.Length; i++)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(name[i]) == UnicodeCategory.NonSpacingMark && IsLatinLetter(name[i - 1]))
            {
                throw new UnsafeArchiveException($"entry {index} has a name in decomposed Unicode form, a letter followed by a combining accent (rule: names in composed form, NFC, so they unpack to one name everywhere)");
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

    private static bool IsLatinLetter(char c) => char.IsAsciiLetter(c) || (c >= '\u00C0' && c <= '\u024F' && char.IsLetter(c));

    /// <summary>U+061C, U+200E/F, U+202A-E, U+2066-9: characters that reorder how a name is shown.</summary>
    private static bool IsBidiControl(char c) => c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    /// <summary>Every folder a normalised path implies: its parents, and itself when it is a folder entry.</summary>
    public static IEnumerable<string> Folders(string path, bool isFolder)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (isFolder && path.Length > 0)
        {
            yield return path;
        }

        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
        {
            yield return path[..slash];
        }
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
