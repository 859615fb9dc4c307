namespace RadAnon.TestSupport;

/// <summary>One row of ../shared/corpus/INDEX.tsv.</summary>
public sealed record CorpusEntry(
    string Path,
    string Source,
    string Modality,
    string TransferSyntaxUid,
    string Rows,
    string Columns,
    string BitsStored,
    string Frames,
    bool HasBurnedInText,
    string Notes)
{
    public string FullPath => System.IO.Path.Combine(Repository.CorpusDirectory, Path);

    public bool IsMalformed => Notes.Contains("MALFORMED", StringComparison.OrdinalIgnoreCase);

    public bool IsDicom => !Path.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
        && !Path.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase)
        && !Path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        && Modality is not ("PNG" or "JPEG");

    public override string ToString() => Path;
}

/// <summary>Reads the corpus index; empty when ../shared is absent (tests then skip with a message).</summary>
public static class CorpusIndex
{
    private static readonly Lazy<IReadOnlyList<CorpusEntry>> Entries = new(Load);

    public static IReadOnlyList<CorpusEntry> All => Entries.Value;

    public static IEnumerable<CorpusEntry> Dicom => All.Where(e => e.IsDicom);

    /// <summary>xunit member data: one row per DICOM corpus file, by relative path.</summary>
    public static TheoryData<string> DicomPaths()
    {
        var data = new TheoryData<string>();
        foreach (var e in Dicom)
        {
            data.Add(e.Path);
        }

        if (data.Count == 0)
        {
            data.Add(MissingCorpus);
        }

        return data;
    }

    /// <summary>Placeholder row used when the corpus is absent, so a theory still runs and skips itself.</summary>
    public const string MissingCorpus = "<no corpus>";

    public static CorpusEntry Get(string path) => All.First(e => e.Path == path);

    private static IReadOnlyList<CorpusEntry> Load()
    {
        var index = System.IO.Path.Combine(Repository.CorpusDirectory, "INDEX.tsv");
        if (!File.Exists(index))
        {
            return [];
        }

        return File.ReadLines(index).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split('\t');
            string F(int i) => i < f.Length ? f[i] : string.Empty;
            return new CorpusEntry(F(0), F(1), F(2), F(3), F(4), F(5), F(6), F(7), F(8) == "yes", F(9));
        }).ToList();
    }
}
