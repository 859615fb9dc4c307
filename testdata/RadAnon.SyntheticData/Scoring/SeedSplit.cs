namespace RadAnon.SyntheticData.Scoring;

/// <summary>
/// The seed split of SEEDS.md: dev seeds may be looked at and tuned on; report seeds are only run for the numbers.
/// Screenshots, photos and anatomy: dev 1-24, report 1001-1048. Radiographs: every seed below 1000 has been looked at
/// (dev), report 1101-1148.
/// </summary>
public static class SeedSplit
{
    public const int CaptureDevLast = 24;
    public const int CaptureReportFirst = 1001;
    public const int CaptureReportLast = 1048;
    public const int RadiographDevLast = 999;
    public const int RadiographReportFirst = 1101;
    public const int RadiographReportLast = 1148;

    /// <summary>"dev", "report" or "other" for a run of capture seeds (screens, photos, anatomy).</summary>
    public static string Capture(int first, int count) => Name(first, first + count - 1, CaptureDevLast, CaptureReportFirst, CaptureReportLast);

    /// <summary>"dev", "report" or "other" for a run of radiograph seeds (the eval command).</summary>
    public static string Radiograph(int first, int count) => Name(first, first + count - 1, RadiographDevLast, RadiographReportFirst, RadiographReportLast);

    private static string Name(int first, int last, int devLast, int reportFirst, int reportLast) =>
        first >= 1 && last <= devLast ? "dev"
        : first >= reportFirst && last <= reportLast ? "report"
        : "other";
}
