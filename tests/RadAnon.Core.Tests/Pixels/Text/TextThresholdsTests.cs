using RadAnon.TestSupport;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>
/// Every tuned number of the text code lives in <c>TextThresholds</c>, named and documented: the source of
/// <c>src/RadAnon.Core/Pixels/Text</c> holds no other numeric literal than structural ones.
/// </summary>
public sealed class TextThresholdsTests
{
    private static readonly string TextDirectory = Path.Combine(Repository.Root, "src", "RadAnon.Core", "Pixels", "Text");

    /// <summary>
    /// Not scanned: the thresholds record itself, and the folders the lead engineer is restructuring into evidence and
    /// named rules (issue 16). They come under this test when that work lands: remove them from this list then.
    /// </summary>
    private static readonly string[] NotScanned = ["TextThresholds*.cs", "Rules/RuleThresholds.cs", "Learned/LearnedDetectorSettings.cs"];

    /// <summary>Values that are structure, not tuning: none, one, a pair or a half, the byte range and its size.</summary>
    private static readonly decimal[] Structural = [0, 1, 2, 0.5m, 255, 256];

    /// <summary>Mathematical and format constants, each allowed in one file as often as given, with why it is no threshold.</summary>
    private static readonly (string File, decimal Value, int Count, string Why)[] Constants =
    [
        ("TextDetector.cs", 1.4826m, 1, "median absolute deviation to standard deviation of normal noise"),
        ("TextScreen.cs", 4, 1, "the exact block radius of the half-resolution bound, ceil((2R - 1) / 4)"),
        ("TextScreen.cs", 8, 1, "bits in a byte: a 16-bit lane's high byte shifted down"),
        ("CandidateReader.cs", 90, 1, "a quarter turn, degrees"),
        ("CandidateReader.cs", 270, 1, "three quarter turns, degrees"),
        ("BurnedInTextCleaner.Decisions.cs", 90, 1, "a quarter turn, degrees: a region read rotated so runs vertically"),
        ("BurnedInTextCleaner.Decisions.cs", 270, 1, "three quarter turns, degrees"),
        ("BurnedInTextCleaner.Painting.cs", 90, 1, "a quarter turn, degrees: a region read rotated so runs vertically"),
        ("BurnedInTextCleaner.Painting.cs", 270, 1, "three quarter turns, degrees"),
        ("EdgeCue.cs", 9, 1, "pixels of a 3x3 window"),
        ("TextureCue.cs", 4, 1, "sides of a box"),
        ("TextCleaningOptions.cs", 100, 1, "the top of Tesseract's confidence scale"),
        ("LearnedPassPlan.cs", 32, 3, "the detector network's stride: its input sides are multiples of 32"),
        ("DbNetTextDetector.cs", 3, 2, "the three colour channels the model takes"),
        ("DbNetTextDetector.cs", 0.485m, 1, "ImageNet mean, red, as the model was trained"),
        ("DbNetTextDetector.cs", 0.456m, 1, "ImageNet mean, green, as the model was trained"),
        ("DbNetTextDetector.cs", 0.406m, 1, "ImageNet mean, blue, as the model was trained"),
        ("DbNetTextDetector.cs", 0.229m, 1, "ImageNet deviation, red, as the model was trained"),
        ("DbNetTextDetector.cs", 0.224m, 1, "ImageNet deviation, green, as the model was trained"),
        ("DbNetTextDetector.cs", 0.225m, 1, "ImageNet deviation, blue, as the model was trained"),
    ];

    [Fact]
    public void TextCode_HoldsNoBareTunedNumber()
    {
        var files = ScannedFiles();
        Assert.True(files.Count >= 15, $"only {files.Count} files found under {TextDirectory}");

        var bare = files.SelectMany(BareNumbers).ToList();

        Assert.True(bare.Count == 0, "tuned numbers belong in TextThresholds (named, one-line doc):\n" + string.Join('\n', bare));
    }

    [Fact]
    public void Scanner_FindsANumberInCode_NotInCommentsOrStrings()
    {
        const string source = """"
            // a threshold of 37 in a comment
            /// <summary>and 41 in a doc</summary>
            var label = "37 in a string" + $"{x} and 43" + @"verbatim ""44""" + 'z' + """raw 45""";
            if (contrast > 37 && ratio < 0.35f && mask == 0x1F && v[..12] != 1_000) { }
            var fine = row0 + Vector128.Count + x1 + (2 * half) - 1 + 0.5 + 255;
            """";

        var found = NumericLiterals.In(source).Where(l => !Structural.Contains(l.Value)).Select(l => (l.Line, l.Value)).ToList();

        Assert.Equal(new List<(int, decimal)> { (4, 37m), (4, 0.35m), (4, 31m), (4, 12m), (4, 1000m) }, found);
    }

    [Fact]
    public void EveryThreshold_HasAOneLineDocAboveIt()
    {
        var lines = Directory.EnumerateFiles(TextDirectory, "TextThresholds*.cs").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines).ToArray();

        var undocumented = Enumerable.Range(0, lines.Length)
            .Where(i => lines[i].Contains("{ get; init; }", StringComparison.Ordinal) && (i == 0 || !lines[i - 1].TrimEnd().EndsWith("</summary>", StringComparison.Ordinal)))
            .Select(i => lines[i].Trim())
            .ToList();

        Assert.Empty(undocumented);
        Assert.True(lines.Count(l => l.Contains("{ get; init; }", StringComparison.Ordinal)) > 100, "the thresholds record lost its properties");
    }

    private static List<string> ScannedFiles() =>
        Directory.EnumerateFiles(TextDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !NotScanned.Any(pattern => Matches(Path.GetRelativePath(TextDirectory, f).Replace('\\', '/'), pattern)))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static bool Matches(string relative, string pattern) => pattern switch
    {
        _ when pattern.EndsWith('/') => relative.StartsWith(pattern, StringComparison.Ordinal),
        _ when pattern.EndsWith("*.cs", StringComparison.Ordinal) => !relative.Contains('/', StringComparison.Ordinal)
            && relative.StartsWith(pattern[..^"*.cs".Length], StringComparison.Ordinal) && relative.EndsWith(".cs", StringComparison.Ordinal),
        _ => relative == pattern,
    };

    /// <summary>The file's numeric literals that are neither structural nor one of its allowed constants, as "file:line literal".</summary>
    private static IEnumerable<string> BareNumbers(string path)
    {
        var name = Path.GetFileName(path);
        var allowed = Constants.Where(c => c.File == name).ToDictionary(c => c.Value, c => c.Count);
        foreach (var (line, text, value) in NumericLiterals.In(File.ReadAllText(path)))
        {
            if (Structural.Contains(value))
            {
                continue;
            }

            if (allowed.TryGetValue(value, out var left) && left > 0)
            {
                allowed[value] = left - 1;
                continue;
            }

            yield return $"{Path.GetRelativePath(TextDirectory, path)}:{line} {text}";
        }
    }
}
