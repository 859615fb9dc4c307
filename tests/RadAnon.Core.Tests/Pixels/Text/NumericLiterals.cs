using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace RadAnon.Core.Tests.Pixels.Text;

/// <summary>The numeric literals of C# source outside comments, strings and characters, with their line numbers.</summary>
internal static partial class NumericLiterals
{
    public static IEnumerable<(int Line, string Text, decimal Value)> In(string source)
    {
        var lines = WithoutCommentsAndStrings(source).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            foreach (Match m in Literal().Matches(lines[i]))
            {
                yield return (i + 1, m.Value, ValueOf(m.Value));
            }
        }
    }

    /// <summary>The value of a literal without its separators and type suffix (1.0 and 1 are both 1; 0xFF is 255).</summary>
    private static decimal ValueOf(string literal)
    {
        var text = literal.Replace("_", string.Empty, StringComparison.Ordinal);
        if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            return ulong.Parse(text[2..].TrimEnd('u', 'U', 'l', 'L'), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        }

        if (text.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
        {
            return Convert.ToUInt64(text[2..].TrimEnd('u', 'U', 'l', 'L'), 2);
        }

        return decimal.Parse(text.TrimEnd('f', 'F', 'd', 'D', 'm', 'M', 'u', 'U', 'l', 'L'), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>The source with comments removed and string and character literals emptied; line breaks are kept.</summary>
    private static string WithoutCommentsAndStrings(string s)
    {
        var output = new StringBuilder(s.Length);
        var i = 0;
        while (i < s.Length)
        {
            var end = SkipEnd(s, i);
            if (end == i)
            {
                output.Append(s[i++]);
                continue;
            }

            output.Append(' ').Append('\n', s.AsSpan(i, end - i).Count('\n'));
            i = end;
        }

        return output.ToString();
    }

    /// <summary>Where the comment, string or character literal starting at <paramref name="i"/> ends; <paramref name="i"/> when none starts there.</summary>
    private static int SkipEnd(string s, int i)
    {
        var rest = s.AsSpan(i);
        if (rest.StartsWith("//"))
        {
            var eol = s.IndexOf('\n', i);
            return eol < 0 ? s.Length : eol;
        }

        if (rest.StartsWith("/*"))
        {
            var close = s.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return close < 0 ? s.Length : close + 2;
        }

        var prefix = 0;
        while (prefix < rest.Length && rest[prefix] is '$' or '@')
        {
            prefix++;
        }

        if (prefix < rest.Length && rest[prefix] is '"' or '\'')
        {
            return QuotedEnd(s, i + prefix, verbatim: rest[..prefix].Contains('@'));
        }

        return i;
    }

    /// <summary>The end of a quoted literal opening at <paramref name="open"/>: raw ("""), verbatim (@"") or regular.</summary>
    private static int QuotedEnd(string s, int open, bool verbatim)
    {
        var quote = s[open];
        var run = 0;
        while (quote == '"' && open + run < s.Length && s[open + run] == '"')
        {
            run++;
        }

        if (run >= 3)
        {
            var close = s.IndexOf(new string('"', run), open + run, StringComparison.Ordinal);
            return close < 0 ? s.Length : close + run;
        }

        for (var j = open + 1; j < s.Length; j++)
        {
            if (s[j] == '\\' && !verbatim)
            {
                j++;
            }
            else if (s[j] == quote && verbatim && j + 1 < s.Length && s[j + 1] == quote)
            {
                j++;
            }
            else if (s[j] == quote)
            {
                return j + 1;
            }
        }

        return s.Length;
    }

    /// <summary>
    /// A literal not glued to an identifier (x1, Vector128) or a member access: hexadecimal, binary, or decimal with an
    /// optional fraction, exponent and suffix; a leading-dot fraction (.5) too. A range's end (..37) counts.
    /// </summary>
    [GeneratedRegex(@"(?<![\w.])(?:0[xX][0-9a-fA-F_]+[uUlL]*|0[bB][01_]+[uUlL]*|\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?[fFdDmMuUlL]*)|(?<=\.\.)\d[\d_]*(?:\.\d[\d_]*)?|(?<![\w.])\.\d[\d_]*(?:[eE][+-]?\d+)?[fFdDmM]?", RegexOptions.CultureInvariant)]
    private static partial Regex Literal();
}
