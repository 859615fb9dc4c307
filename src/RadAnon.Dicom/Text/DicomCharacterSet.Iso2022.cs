using System.Text;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Text;

/// <summary>
/// ISO 2022 code extensions (PS3.5 6.1.2.5): escape sequences designate character sets into G0 (bytes
/// 0x21-0x7E) or G1 (0xA1-0xFE); the designations return to the initial state at each value, component
/// group and line delimiter. Multi-byte sets decode through their EUC form, which .NET provides.
/// </summary>
public sealed partial class DicomCharacterSet
{
    private enum G0Set
    {
        Ascii,
        Romaji,
        JisX0208,
        JisX0212,
    }

    private string DecodeIso2022(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        var text = new StringBuilder(bytes.Length);
        var (initialG0, initialG1) = InitialDesignations();
        var g0 = initialG0;
        var g1 = initialG1;
        var pending = new List<byte>();
        Encoding? pendingEncoding = null;

        void Flush()
        {
            if (pending.Count > 0 && pendingEncoding is not null)
            {
                text.Append(pendingEncoding.GetString([.. pending]));
            }

            pending.Clear();
        }

        void Emit(Encoding encoding, ReadOnlySpan<byte> chunk)
        {
            if (!ReferenceEquals(encoding, pendingEncoding))
            {
                Flush();
                pendingEncoding = encoding;
            }

            pending.AddRange(chunk);
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == 0x1B)
            {
                var consumed = ReadEscape(bytes[i..], ref g0, ref g1);
                if (consumed > 0)
                {
                    i += consumed - 1;
                    continue;
                }
            }

            if (IsDelimiter(b, vr))
            {
                Flush();
                text.Append((char)b);
                (g0, g1) = (initialG0, initialG1);
                continue;
            }

            if (b < 0x80)
            {
                switch (g0)
                {
                    case G0Set.JisX0208 when b >= 0x21 && i + 1 < bytes.Length:
                        Emit(EucJp, [(byte)(b | 0x80), (byte)(bytes[++i] | 0x80)]);
                        break;
                    case G0Set.JisX0212 when b >= 0x21 && i + 1 < bytes.Length:
                        i++; // .NET has no JIS X 0212 table: keep the character's place without guessing it
                        Flush();
                        text.Append('\uFFFD');
                        break;
                    default:
                        Emit(Encoding.Latin1, [b]);
                        break;
                }

                continue;
            }

            if (g1.MultiByte && i + 1 < bytes.Length && bytes[i + 1] >= 0x80)
            {
                Emit(g1.Encoding, [b, bytes[++i]]);
            }
            else
            {
                Emit(g1.Encoding, [b]);
            }
        }

        Flush();
        return text.ToString();
    }

    private static Encoding EucJp => Encoding.GetEncoding(51932);

    private sealed record G1Set(Encoding Encoding, bool MultiByte);

    private (G0Set G0, G1Set G1) InitialDesignations()
    {
        var first = Terms.Count > 0 ? Terms[0] : string.Empty;
        return first switch
        {
            "ISO 2022 IR 13" or "ISO_IR 13" => (G0Set.Romaji, new G1Set(Encoding.GetEncoding("shift_jis"), false)),
            "ISO 2022 IR 149" => (G0Set.Ascii, new G1Set(Encoding.GetEncoding(51949), true)),
            "ISO 2022 IR 58" => (G0Set.Ascii, new G1Set(Encoding.GetEncoding(936), true)),
            "ISO 2022 IR 87" => (G0Set.JisX0208, new G1Set(Encoding.Latin1, false)),
            _ => (G0Set.Ascii, new G1Set(EncodingFor(first), false)),
        };
    }

    /// <summary>Reads one escape sequence; returns its length, or 0 when it is not one we know.</summary>
    private static int ReadEscape(ReadOnlySpan<byte> s, ref G0Set g0, ref G1Set g1)
    {
        if (s.Length >= 3 && s[1] == '(' && s[2] == 'B') { g0 = G0Set.Ascii; return 3; }
        if (s.Length >= 3 && s[1] == '(' && s[2] == 'J') { g0 = G0Set.Romaji; return 3; }
        if (s.Length >= 3 && s[1] == ')' && s[2] == 'I') { g1 = new G1Set(Encoding.GetEncoding("shift_jis"), false); return 3; }
        if (s.Length >= 3 && s[1] == '$' && s[2] == 'B') { g0 = G0Set.JisX0208; return 3; }
        if (s.Length >= 3 && s[1] == '$' && s[2] == '@') { g0 = G0Set.JisX0208; return 3; }
        if (s.Length >= 4 && s[1] == '$' && s[2] == '(' && s[3] == 'D') { g0 = G0Set.JisX0212; return 4; }
        if (s.Length >= 4 && s[1] == '$' && s[2] == ')' && s[3] == 'C') { g1 = new G1Set(Encoding.GetEncoding(51949), true); return 4; }
        if (s.Length >= 4 && s[1] == '$' && s[2] == ')' && s[3] == 'A') { g1 = new G1Set(Encoding.GetEncoding(936), true); return 4; }
        if (s.Length >= 3 && s[1] == '-' && SingleByteG1(s[2]) is { } term) { g1 = new G1Set(EncodingFor(term), false); return 3; }
        return 0;
    }

    /// <summary>The final byte of ESC - F designates the upper half of an ISO 8859 part into G1.</summary>
    private static string? SingleByteG1(byte final) => (char)final switch
    {
        'A' => "ISO_IR 100",
        'B' => "ISO_IR 101",
        'C' => "ISO_IR 109",
        'D' => "ISO_IR 110",
        'L' => "ISO_IR 144",
        'G' => "ISO_IR 127",
        'F' => "ISO_IR 126",
        'H' => "ISO_IR 138",
        'M' => "ISO_IR 148",
        'b' => "ISO_IR 203",
        'T' => "ISO_IR 166",
        _ => null,
    };

    private static bool IsDelimiter(byte b, DicomVR vr) => b switch
    {
        (byte)'\\' => !vr.IsSingleValuedText(),
        (byte)'^' or (byte)'=' => vr == DicomVR.PN,
        0x0D or 0x0A or 0x09 or 0x0C => true,
        _ => false,
    };

    /// <summary>
    /// Encodes text for a code-extension character set: ASCII as is; other characters through the first term
    /// that can represent them, with its escape sequence, returning to ASCII before each delimiter.
    /// </summary>
    private byte[] EncodeIso2022(string text)
    {
        var output = new List<byte>(text.Length * 2);
        string? active = null;
        foreach (var ch in text)
        {
            if (ch < 0x80)
            {
                if (active is not null && active != "ASCII")
                {
                    output.AddRange([0x1B, (byte)'(', (byte)'B']);
                    active = null;
                }

                output.Add((byte)ch);
                continue;
            }

            var (term, bytes) = EncodeWithTerms(ch);
            if (term != active)
            {
                output.AddRange(EscapeFor(term));
                active = term;
            }

            output.AddRange(bytes);
        }

        if (active is not null && active.Contains("IR 87", StringComparison.Ordinal))
        {
            output.AddRange([0x1B, (byte)'(', (byte)'B']);
        }

        return [.. output];
    }

    private (string Term, byte[] Bytes) EncodeWithTerms(char ch)
    {
        foreach (var term in Terms.Where(t => t.Length > 0))
        {
            var encoding = term switch
            {
                "ISO 2022 IR 87" => EucJp,
                "ISO 2022 IR 149" => Encoding.GetEncoding(51949),
                "ISO 2022 IR 58" => Encoding.GetEncoding(936),
                _ => EncodingFor(term),
            };
            var strict = Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
            try
            {
                var bytes = strict.GetBytes(ch.ToString());
                if (bytes.Length > 1 && !IsMultiByteTerm(term))
                {
                    continue; // Shift_JIS stands in for IR 13 but only its one-byte half-width katakana belong to it
                }

                if (term == "ISO 2022 IR 87")
                {
                    bytes = [.. bytes.Select(b => (byte)(b & 0x7F))];
                }

                return (term, bytes);
            }
            catch (EncoderFallbackException)
            {
            }
        }

        return (string.Empty, [(byte)'?']);
    }

    private static bool IsMultiByteTerm(string term) => term is "ISO 2022 IR 87" or "ISO 2022 IR 149" or "ISO 2022 IR 58";

    private static byte[] EscapeFor(string term) => term switch
    {
        "ISO 2022 IR 87" => [0x1B, (byte)'$', (byte)'B'],
        "ISO 2022 IR 149" => [0x1B, (byte)'$', (byte)')', (byte)'C'],
        "ISO 2022 IR 58" => [0x1B, (byte)'$', (byte)')', (byte)'A'],
        "ISO 2022 IR 13" => [0x1B, (byte)')', (byte)'I'],
        "ISO 2022 IR 100" => [0x1B, (byte)'-', (byte)'A'],
        "ISO 2022 IR 101" => [0x1B, (byte)'-', (byte)'B'],
        "ISO 2022 IR 144" => [0x1B, (byte)'-', (byte)'L'],
        "ISO 2022 IR 126" => [0x1B, (byte)'-', (byte)'F'],
        "ISO 2022 IR 127" => [0x1B, (byte)'-', (byte)'G'],
        "ISO 2022 IR 138" => [0x1B, (byte)'-', (byte)'H'],
        "ISO 2022 IR 148" => [0x1B, (byte)'-', (byte)'M'],
        _ => [],
    };
}
