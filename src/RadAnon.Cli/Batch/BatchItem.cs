namespace RadAnon.Cli.Batch;

/// <summary>
/// One input file of a batch: where it is, its path relative to OUTDIR, and the output path without extension
/// (the extension comes from the output format; the report is always <see cref="ReportPath"/>).
/// </summary>
internal sealed record BatchItem(int Index, string InputPath, string Relative, string TargetStem, long Length)
{
    public string ReportPath => TargetStem + ".report.json";

    public string OutputDirectory => Path.GetDirectoryName(TargetStem)!;

    /// <summary>The relative path with forward slashes, for progress lines and JSON (the user's own file names, never PHI).</summary>
    public string DisplayPath => Relative.Replace(Path.DirectorySeparatorChar, '/');
}
