namespace RadAnon.SyntheticData.Scoring;

/// <summary>The seed split of SEEDS.md: dev seeds may be looked at and tuned on; report seeds are only run for numbers.</summary>
public static class SeedSplit
{
    public const int DevFirst = 1;
    public const int DevLast = 24;
    public const int ReportFirst = 1001;
    public const int ReportLast = 1048;

    /// <summary>"dev", "report" or "other" for a run of seeds.</summary>
    public static string Name(int first, int count) =>
        first >= DevFirst && first + count - 1 <= DevLast ? "dev"
        : first >= ReportFirst && first + count - 1 <= ReportLast ? "report"
        : "other";
}
