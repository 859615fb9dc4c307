using System.Text;
using System.Text.RegularExpressions;

namespace RadAnon.Core.Profiles;

/// <summary>
/// The C action for free text (descriptors, graphic text, patient-characteristic notes): removes every
/// identifier the same object carries elsewhere (names, IDs, accession, institution, dates in common
/// spellings) and generic identifier shapes (dates, long digit runs, e-mail addresses, phone numbers).
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
        foreach (var part in s.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            collapsed.Append(collapsed.Length > 0 ? " " : string.Empty).Append(part);
        }

        return collapsed.ToString();
    }

    [GeneratedRegex(@"[\w.+-]+@[\w-]+(\.[\w-]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    [GeneratedRegex(@"\b(\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{2,4})\b", RegexOptions.CultureInvariant)]
    private static partial Regex DateLike();

    /// <summary>Five or more digits, possibly with separators: IDs, phone numbers, compact dates.</summary>
    [GeneratedRegex(@"\+?\d[\d ()\-]{3,}\d", RegexOptions.CultureInvariant)]
    private static partial Regex LongNumber();
}
