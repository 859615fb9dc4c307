using System.Collections.Concurrent;
using RadAnon.SyntheticData.Captures;

namespace RadAnon.Core.Tests.Generators;

/// <summary>Generated captures shared by the generator tests (each takes about a second); determinism tests generate afresh.</summary>
internal static class CaptureCache
{
    private static readonly ConcurrentDictionary<int, CaptureCase> Screens = new();
    private static readonly ConcurrentDictionary<int, PhotoCase> Photos = new();

    public static CaptureCase Screen(int seed) => Screens.GetOrAdd(seed, ScreenshotGenerator.Generate);

    public static PhotoCase Photo(int seed) => Photos.GetOrAdd(seed, PhotoGenerator.Generate);
}
