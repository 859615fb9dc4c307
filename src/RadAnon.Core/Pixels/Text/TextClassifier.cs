using System.Text.RegularExpressions;
using RadAnon.Core.Ocr;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Decides what a read region is from its words: header matches, dates and times, IDs, name-like words, clinical
/// vocabulary, allowlisted markers. A region is a kept marker only when every word is a confident marker.
/// </summary>
internal sealed partial class TextClassifier
{
    // Clinical words and units that identify nobody; anything alphabetic outside this list is treated as a name.
    private static readonly HashSet<string> ClinicalVocabulary = new(StringComparer.Ordinal)
    {
        "CM", "MM", "KV", "KVP", "MAS", "MA", "MS", "SEC", "DEG", "HU", "WL", "WW", "ROI", "AVG", "MEAN", "MIN", "MAX",
        "SID", "SOD", "DAP", "EI", "DI", "IMAGE", "IMG", "SERIES", "SER", "VIEW", "CHEST", "HAND", "WRIST", "KNEE", "FOOT",
        "ANKLE", "HIP", "PELVIS", "SPINE", "SKULL", "ABDOMEN", "ELBOW", "SHOULDER", "FLEX", "EXT", "FLEXION", "EXTENSION",
        "CERVICAL", "THORACIC", "LUMBAR", "FEMUR", "TIBIA", "HUMERUS", "FOREARM", "LEG", "ARM", "CXR", "XR", "CR", "DX",
        "SCOUT", "FRONTAL", "VIEWS", "POST", "PRE", "OP", "BONE", "SOFT", "TISSUE", "CONTRAST", "ZOOM", "SCALE",
    };

    private static readonly TextThresholds.ReadingThresholds Thresholds = TextThresholds.Default.Reading;

    /// <summary>Categories from the most identifying down; a region takes the first any of its words has.</summary>
    private static readonly TextCategory[] ByIdentifyingRank =
    [
        TextCategory.HeaderMatch, TextCategory.Date, TextCategory.Id, TextCategory.Name, TextCategory.Unreadable, TextCategory.OtherText,
    ];

    private readonly HeaderValueMatcher header;
    private readonly HashSet<string> markers;
    private readonly float minConfidence;

    public TextClassifier(HeaderValueMatcher header, IEnumerable<string> markerAllowlist, float minConfidence)
    {
        this.header = header;
        markers = new HashSet<string>(markerAllowlist.Select(m => m.ToUpperInvariant()), StringComparer.Ordinal);
        this.minConfidence = minConfidence;
    }

    /// <summary>The category of a region and the mean confidence of its words (0 when nothing was read).</summary>
    public (TextCategory Category, float Confidence) Classify(IReadOnlyList<OcrWord> words)
    {
        var read = words.Where(w => w.Text.Any(char.IsLetterOrDigit)).ToList();
        var joined = string.Join(' ', read.Select(w => w.Text));
        if (read.Count > 0 && read.All(w => w.Confidence >= Thresholds.MeasurementConfidenceFloor) && Measurement().IsMatch(joined) && !header.Matches(HeaderValueMatcher.Normalize(joined)))
        {
            // A number with a unit is too specific a shape for a misread name or ID, so it is trusted at a lower
            // confidence than free text.
            return (TextCategory.OtherText, read.Average(w => w.Confidence));
        }

        if (read.Count == 0 || read.All(w => w.Confidence < minConfidence))
        {
            return (TextCategory.Unreadable, read.Count == 0 ? 0 : read.Average(w => w.Confidence));
        }

        var confidence = read.Average(w => w.Confidence);
        var line = string.Join(' ', read.Select(w => w.Text));
        var best = TextCategory.Marker;
        if (header.Matches(HeaderValueMatcher.Normalize(line)) && !IsMarkerNotName(line))
        {
            return (TextCategory.HeaderMatch, confidence);
        }

        foreach (var w in read)
        {
            var category = w.Confidence < minConfidence ? TextCategory.Unreadable : ClassifyWord(w.Text);
            if (Rank(category) < Rank(best))
            {
                best = category;
            }
        }

        if (best is TextCategory.Marker or TextCategory.OtherText or TextCategory.Unreadable or TextCategory.Name && DateLike().IsMatch(line))
        {
            best = TextCategory.Date;
        }

        return (best, confidence);
    }

    /// <summary>
    /// A reading of one or two words whose letters are a character or two away from an allowlisted marker ("LAI", "-AT",
    /// "PORTAE"): worth a second reading of the same pixels. Never a reason to keep anything by itself.
    /// </summary>
    public bool IsNearMarker(IReadOnlyList<OcrWord> words)
    {
        if (words.Count == 0 || words.Count > Thresholds.NearMarkerMaxWords)
        {
            return false;
        }

        var letters = new string(string.Concat(words.Select(w => w.Text)).Where(char.IsLetter).Select(char.ToUpperInvariant).ToArray());
        return letters.Length > 0 && markers.Any(m => EditDistance(letters, m) <= Math.Max(1, Thresholds.NearMarkerEditShare.Of(m.Length)));
    }

    /// <summary>Levenshtein distance (short strings only: markers and one-word readings).</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    /// <summary>An allowlisted marker that matches nothing of the header but the patient's initials (PA for PATEL^AIKO).</summary>
    private bool IsMarkerNotName(string text)
    {
        var upper = Bare(text);
        return markers.Contains(upper) && header.IsInitialsOnly(upper);
    }

    [GeneratedRegex(@"^\d{1,4}([.,]\d{1,3})?\s?(cm|mm|m|deg|°|%|kv|kvp|mas|ms|s|hu)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Measurement();

    /// <summary>Identifying categories: refused if still readable after redaction.</summary>
    public static bool IsIdentifying(TextCategory c) => c is TextCategory.HeaderMatch or TextCategory.Date or TextCategory.Id or TextCategory.Name;

    /// <summary>
    /// How many of the words read after redaction are identifying on their own: a header match (the whole line or a
    /// word), a date or time, an ID, or a confident name-like word of a few letters or more. Two or three letters that
    /// match nothing in the header ("Frq", "AO", "es" read off a smooth fill or an ultrasound label) identify no one
    /// and would otherwise refuse clean images; short real names are caught by the header match.
    /// </summary>
    public int CountResidual(IReadOnlyList<OcrWord> words)
    {
        var read = words.Where(w => w.Confidence >= minConfidence && w.Text.Any(char.IsLetterOrDigit)).ToList();
        if (read.Count > 1 && header.Matches(HeaderValueMatcher.Normalize(string.Join(' ', read.Select(w => w.Text)))))
        {
            return read.Count;
        }

        return read.Count(w => IsResidual(w.Text, w.Confidence));
    }

    /// <summary>One word, as <see cref="CountResidual"/> judges it.</summary>
    public bool IsResidual(string text, float confidence)
    {
        if (confidence < minConfidence)
        {
            return false;
        }

        var category = ClassifyWord(text);
        return category switch
        {
            TextCategory.HeaderMatch or TextCategory.Date or TextCategory.Id => true,
            TextCategory.Name => text.Count(char.IsLetter) >= Thresholds.ResidualNameMinLetters && confidence >= Thresholds.ResidualNameMinConfidence,
            _ => false,
        };
    }

    /// <summary>A word in upper case without the punctuation OCR puts around it.</summary>
    private static string Bare(string text) => text.ToUpperInvariant().Trim(WordPunctuation);

    private static readonly char[] WordPunctuation = ['.', ',', ':', ';', '[', ']', '(', ')', '"', '\'', '|'];

    internal TextCategory ClassifyWord(string text)
    {
        var upper = Bare(text);
        if (upper.Length == 0)
        {
            return TextCategory.OtherText;
        }

        if (header.Matches(upper) && !IsMarkerNotName(upper))
        {
            return TextCategory.HeaderMatch;
        }

        if (markers.Contains(upper))
        {
            return TextCategory.Marker;
        }

        if (DateLike().IsMatch(upper) || TimeLike().IsMatch(upper))
        {
            return TextCategory.Date;
        }

        var digits = upper.Count(char.IsAsciiDigit);
        var letters = upper.Count(char.IsLetter);
        var t = Thresholds;
        if (digits >= t.IdMinDigits || (digits >= t.CodeMinDigits && letters >= 1 && upper.Length >= t.CodeMinLength))
        {
            return TextCategory.Id;
        }

        if (letters >= 2 && letters >= upper.Length - 1)
        {
            var word = HeaderValueMatcher.Normalize(upper);
            return ClinicalVocabulary.Contains(word) ? TextCategory.OtherText : TextCategory.Name;
        }

        return TextCategory.OtherText;
    }

    /// <summary>The place of a category in <see cref="ByIdentifyingRank"/>; after all of them for the rest (a marker).</summary>
    private static int Rank(TextCategory c) => Array.IndexOf(ByIdentifyingRank, c) is var i and >= 0 ? i : ByIdentifyingRank.Length;

    [GeneratedRegex(@"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\b|\b\d{1,2}[ .-]?(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[ .-]?\d{2,4}\b|\b(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[ .-]?\d{1,2},?[ .-]?\d{2,4}\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex DateLike();

    [GeneratedRegex(@"^\d{1,2}:\d{2}(:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex TimeLike();
}
