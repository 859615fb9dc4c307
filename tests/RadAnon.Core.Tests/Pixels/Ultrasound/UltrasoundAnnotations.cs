using System.Globalization;
using RadAnon.Core.Pixels.Text;

namespace RadAnon.Core.Tests.Pixels.Ultrasound;

/// <summary>One hand-drawn box of testdata/ultrasound/annotations.tsv; <see cref="Frame"/> null means every frame.</summary>
public sealed record AnnotatedBox(string Kind, int? Frame, PixelBox Box)
{
    public bool AppliesTo(int frame) => Frame is null || Frame == frame;
}

/// <summary>The kinds of testdata/ultrasound/annotations.tsv and what the measurement asks of each.</summary>
public static class AnnotationKinds
{
    public const string Identifying = "identifying-text";

    public const string OtherText = "other-text";

    public const string Marker = "marker";

    /// <summary>Text-like kinds: painting them is not collateral.</summary>
    public static readonly IReadOnlySet<string> Text = new HashSet<string>(StringComparer.Ordinal) { Identifying, OtherText, Marker };

    /// <summary>Image content that must never change.</summary>
    public static readonly IReadOnlySet<string> Protected = new HashSet<string>(StringComparer.Ordinal)
    {
        "sector", "doppler", "ecg", "colourbar", "inset", "mmode",
    };
}

/// <summary>Reads testdata/ultrasound/annotations.tsv: '#' comment lines, one header row, then one box per row.</summary>
public static class UltrasoundAnnotations
{
    private const string Header = "path\tframe\tkind\tx\ty\twidth\theight";

    /// <summary>The boxes of every annotated corpus file, by corpus path, in file order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<AnnotatedBox>> Load(string tsvPath)
    {
        var lines = File.ReadLines(tsvPath).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        if (lines.Count == 0 || lines[0] != Header)
        {
            throw new InvalidDataException($"{tsvPath}: the first row that is not a comment must be '{Header}'");
        }

        var byPath = new Dictionary<string, List<AnnotatedBox>>(StringComparer.Ordinal);
        foreach (var (line, number) in lines.Skip(1).Select((l, i) => (l, i + 2)))
        {
            var (path, box) = Parse(line, tsvPath, number);
            if (!byPath.TryGetValue(path, out var list))
            {
                byPath[path] = list = [];
            }

            list.Add(box);
        }

        return byPath.ToDictionary(p => p.Key, p => (IReadOnlyList<AnnotatedBox>)p.Value, StringComparer.Ordinal);
    }

    private static (string Path, AnnotatedBox Box) Parse(string line, string tsvPath, int number)
    {
        var f = line.Split('\t');
        if (f.Length != 7)
        {
            throw new InvalidDataException($"{tsvPath} row {number}: {f.Length} fields, expected 7");
        }

        var kind = f[2];
        if (!AnnotationKinds.Text.Contains(kind) && !AnnotationKinds.Protected.Contains(kind))
        {
            throw new InvalidDataException($"{tsvPath} row {number}: unknown kind '{kind}'");
        }

        int N(int i) => int.Parse(f[i], NumberStyles.None, CultureInfo.InvariantCulture);
        int? frame = f[1] == "*" ? null : N(1);
        var box = new PixelBox(N(3), N(4), N(5), N(6));
        if (box.IsEmpty)
        {
            throw new InvalidDataException($"{tsvPath} row {number}: empty box");
        }

        return (f[0], new AnnotatedBox(kind, frame, box));
    }
}
