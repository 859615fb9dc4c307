using RadAnon.Core.Ocr;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.SyntheticData.Scoring;

/// <summary>
/// The one place the evaluations, benchmarks and capture tests of this project build the cleaner, so that a new engine
/// part (a learned detector, say) is switched on for all of them at once.
/// </summary>
public static class CleanerFactory
{
    public static BurnedInTextCleaner Create(IOcr ocr) => new(ocr);
}
