using System.Text;
using System.Text.RegularExpressions;

namespace RadAnon.Core.Profiles;

/// <summary>
/// The C action for free text (descriptors, graphic text, patient-characteristic notes): removes every
/// identifier the same object carries elsewhere (names, IDs, accession, institution, dates in common
/// spellings) and generic identifier shapes (dates, long digit runs, e-mail addresses, phone numbers).
/// Then only words from a clinical vocabulary (anatomy, views, modalities, qualifiers) and short numbers are kept:
/// an unknown word may be a surname or a ward, and cleaning cannot prove it is not.
/// It cannot prove arbitrary prose clean, which is why SR free text is refused instead.
/// </summary>
internal sealed partial class TextCleaner
{
    private readonly string[] _identifiers;

    public TextCleaner(IEnumerable<string> identifiers)
    {
        _identifiers = identifiers
            .Select(s => s.Trim())
            .Where(s => s.Length >= 3)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(s => s.Length)
            .ToArray();
    }

    public int IdentifierCount => _identifiers.Length;

    public string Clean(string text)
    {
        var s = text;
        foreach (var id in _identifiers)
        {
            if (s.Contains(id, StringComparison.OrdinalIgnoreCase))
            {
                s = s.Replace(id, " ", StringComparison.OrdinalIgnoreCase);
            }
        }

        s = Email().Replace(s, " ");
        s = DateLike().Replace(s, " ");
        s = LongNumber().Replace(s, " ");
        var collapsed = new StringBuilder(s.Length);
        foreach (var part in s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(IsClinicalWord))
        {
            collapsed.Append(collapsed.Length > 0 ? " " : string.Empty).Append(part);
        }

        return collapsed.ToString();
    }

    /// <summary>A vocabulary word (punctuation around it ignored) or a number of at most four digits (e.g. "2", "45").</summary>
    internal static bool IsClinicalWord(string token)
    {
        var core = token.Trim('(', ')', ',', '.', ';', ':', '/', '-', '+', '"', '\'');
        if (core.Length == 0)
        {
            return false;
        }

        return (core.Length <= 4 && core.All(char.IsAsciiDigit)) || Vocabulary.Contains(core.ToUpperInvariant());
    }

    private static readonly HashSet<string> Vocabulary = LoadVocabulary();

    private static HashSet<string> LoadVocabulary()
    {
        using var stream = typeof(TextCleaner).Assembly.GetManifestResourceStream("RadAnon.Core.Profiles.DescriptorVocabulary.txt")
            ?? throw new InvalidOperationException("the descriptor vocabulary resource is missing from RadAnon.Core");
        using var reader = new StreamReader(stream);
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (!line.StartsWith('#'))
            {
                words.UnionWith(line.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return words;
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})\b", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();

    /// <summary>Five or more digits, possibly with separators: IDs, phone numbers, compact dates.</summary>
    [GeneratedRegex(@"\+?\d[\d ()\-]{3,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumber();
}
