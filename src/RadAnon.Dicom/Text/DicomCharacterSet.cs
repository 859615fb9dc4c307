using System.Collections.Concurrent;
using System.Text;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Text;

/// <summary>
/// Decodes and encodes text values under a Specific Character Set (0008,0005) value, as PS3.5 section 6.1
/// defines: single-byte sets, UTF-8, GB18030/GBK, and ISO 2022 code extensions with escape sequences.
/// </summary>
public sealed partial class DicomCharacterSet
{
    private static readonly ConcurrentDictionary<string, DicomCharacterSet> Cache = new(StringComparer.Ordinal);

    static DicomCharacterSet()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private DicomCharacterSet(IReadOnlyList<string> terms)
    {
        Terms = terms;
        Primary = EncodingFor(terms.Count > 0 ? terms[0] : string.Empty);
    }

    /// <summary>The default repertoire (ISO-IR 6) used when (0008,0005) is absent.</summary>
    public static DicomCharacterSet Default { get; } = new([]);

    /// <summary>The defined terms as given, e.g. ["", "ISO 2022 IR 87"].</summary>
    public IReadOnlyList<string> Terms { get; }

    private Encoding Primary { get; }

    /// <summary>Builds (and caches) the character set for the values of (0008,0005).</summary>
    public static DicomCharacterSet FromTerms(IReadOnlyList<string> terms)
    {
        if (terms.Count == 0 || (terms.Count == 1 && terms[0].Trim().Length == 0))
        {
            return Default;
        }

        var key = string.Join('\\', terms);
        return Cache.GetOrAdd(key, _ => new DicomCharacterSet([.. terms.Select(t => t.Trim())]));
    }

    /// <summary>Decodes a value's bytes; VRs outside <see cref="DicomVRExtensions.UsesSpecificCharacterSet"/> are ASCII.</summary>
    public string Decode(ReadOnlySpan<byte> bytes, DicomVR vr)
    {
        if (!vr.UsesSpecificCharacterSet() || Terms.Count == 0)
        {
            return Encoding.Latin1.GetString(bytes);
        }

        return UsesCodeExtensions ? DecodeIso2022(bytes, vr) : Primary.GetString(bytes);
    }

    /// <summary>Encodes text for a value of the given VR under this character set.</summary>
    public byte[] Encode(string text, DicomVR vr)
    {
        if (!vr.UsesSpecificCharacterSet() || Terms.Count == 0)
        {
            return Encoding.Latin1.GetBytes(text);
        }

        return UsesCodeExtensions ? EncodeIso2022(text) : Primary.GetBytes(text);
    }
}
