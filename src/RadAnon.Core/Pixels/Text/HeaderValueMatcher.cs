using System.Globalization;
using System.Text;

namespace RadAnon.Core.Pixels.Text;

/// <summary>
/// Variants of header values an OCR word may show: name components (DOE^JOHN gives DOE, JOHN, DOEJOHN, JOHNDOE,
/// JD, DJ), IDs with and without separators, and DA values in common date orders. Single letters never match, so a
/// patient sex of M does not redact every M on the image.
/// </summary>
internal sealed class HeaderValueMatcher
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    /// <summary>The DA value representation's format.</summary>
    private const string DicomDate = "yyyyMMdd";

    private readonly HashSet<string> variants = new(StringComparer.Ordinal);

    /// <summary>Variants that come only from initials (JD, DJ), not from any whole part of a value.</summary>
    private readonly HashSet<string> initials = new(StringComparer.Ordinal);

    public HeaderValueMatcher(IEnumerable<string> headerValues)
    {
        foreach (var value in headerValues)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                AddVariants(value);
            }
        }
    }

    public bool IsEmpty => variants.Count == 0;

    /// <summary>
    /// True when the word shows the patient's initials and no other header value: a standalone PA for PATEL^AIKO is the
    /// projection marker far more often than a signature, and two letters identify nobody.
    /// </summary>
    public bool IsInitialsOnly(string word) => initials.Contains(Normalize(word));

    /// <summary>Upper-case letters and digits only.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                sb.Append(char.ToUpperInvariant(ch));
            }
        }

        return sb.ToString();
    }

    /// <summary>True when the word (or the whole line it is in) shows a header value.</summary>
    public bool Matches(string word)
    {
        var w = Normalize(word);
        if (w.Length < 2)
        {
            return false;
        }

        if (variants.Contains(w))
        {
            return true;
        }

        // OCR slips one character on long values (0/O, 1/I, 5/S): allow one edit on values long enough not to collide.
        var least = TextThresholds.Default.Reading.FuzzyMatchMinLength;
        return w.Length >= least && variants.Any(v => v.Length >= least && Math.Abs(v.Length - w.Length) <= 1 && WithinOneEdit(v, w));
    }

    private void AddVariants(string value)
    {
        var whole = Normalize(value);
        Add(whole);
        var parts = value.Split(['^', ' ', ',', '-', '/', '.', '\\', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(Normalize).Where(p => p.Length > 0).ToList();
        foreach (var p in parts)
        {
            Add(p);
        }

        if (parts.Count >= 2 && parts.All(p => p.All(char.IsAsciiLetter)))
        {
            Add(parts[1] + parts[0]);
            AddInitials(string.Concat(parts.Select(p => p[0])));
            AddInitials(string.Concat(parts.AsEnumerable().Reverse().Select(p => p[0])));
        }

        if (whole.Length == DicomDate.Length && whole.All(char.IsAsciiDigit)
            && DateTime.TryParseExact(whole, DicomDate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            AddDate(date);
        }
    }

    private void AddDate(DateTime d)
    {
        string F(string format) => d.ToString(format, CultureInfo.InvariantCulture);
        foreach (var f in new[] { "yyyyMMdd", "ddMMyyyy", "MMddyyyy", "yyMMdd", "ddMMyy", "MMddyy", "dMyyyy", "Mdyyyy", "yyyyMd" })
        {
            Add(F(f));
        }

        var mon = Months[d.Month - 1];
        Add(F("dd") + mon + F("yyyy"));
        Add(F("%d") + mon + F("yyyy"));
        Add(mon + F("dd") + F("yyyy"));
        Add(mon + F("%d") + F("yyyy"));
    }

    private void Add(string variant)
    {
        if (variant.Length >= 2)
        {
            variants.Add(variant);
            initials.Remove(variant);
        }
    }

    private void AddInitials(string variant)
    {
        if (variant.Length >= 2 && variants.Add(variant))
        {
            initials.Add(variant);
        }
    }

    private static bool WithinOneEdit(string a, string b)
    {
        if (a.Length == b.Length)
        {
            var diffs = 0;
            for (var i = 0; i < a.Length && diffs <= 1; i++)
            {
                diffs += a[i] == b[i] ? 0 : 1;
            }

            return diffs <= 1;
        }

        var (longer, shorter) = a.Length > b.Length ? (a, b) : (b, a);
        for (var skip = 0; skip < longer.Length; skip++)
        {
            if (string.CompareOrdinal(longer.Remove(skip, 1), shorter) == 0)
            {
                return true;
            }
        }

        return false;
    }
}
