using System.Globalization;

namespace RadAnon.Dicom.Data;

/// <summary>A DICOM attribute tag: group and element, ordered as the standard orders them.</summary>
public readonly record struct DicomTag(ushort Group, ushort Element) : IComparable<DicomTag>
{
    public static readonly DicomTag Item = new(0xFFFE, 0xE000);
    public static readonly DicomTag ItemDelimitation = new(0xFFFE, 0xE00D);
    public static readonly DicomTag SequenceDelimitation = new(0xFFFE, 0xE0DD);

    public DicomTag(uint value) : this((ushort)(value >> 16), (ushort)value)
    {
    }

    public uint Value => ((uint)Group << 16) | Element;

    /// <summary>Odd groups are private, except the reserved groups 0001, 0003, 0005, 0007 and FFFF.</summary>
    public bool IsPrivate => (Group & 1) == 1 && Group > 0x0008 && Group != 0xFFFF;

    /// <summary>(gggg,0010-00FF) in a private group reserves a block of 256 elements for a creator.</summary>
    public bool IsPrivateCreator => IsPrivate && Element is >= 0x0010 and <= 0x00FF;

    /// <summary>For a private data element (gggg,xxEE), the creator element (gggg,00xx) that owns it.</summary>
    public DicomTag PrivateCreatorTag => new(Group, (ushort)(Element >> 8));

    public bool IsGroupLength => Element == 0x0000;

    public bool IsDelimiter => Group == 0xFFFE;

    public int CompareTo(DicomTag other) => Value.CompareTo(other.Value);

    public static bool operator <(DicomTag left, DicomTag right) => left.Value < right.Value;

    public static bool operator >(DicomTag left, DicomTag right) => left.Value > right.Value;

    public static bool operator <=(DicomTag left, DicomTag right) => left.Value <= right.Value;

    public static bool operator >=(DicomTag left, DicomTag right) => left.Value >= right.Value;

    /// <summary>Formats as (GGGG,EEEE), the form the standard and dcmdump use.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"({Group:X4},{Element:X4})");

    /// <summary>The eight hex digits used as keys by the DICOM JSON model.</summary>
    public string ToJsonKey() => string.Create(CultureInfo.InvariantCulture, $"{Group:X4}{Element:X4}");

    /// <summary>Parses "(gggg,eeee)", "gggg,eeee" or "ggggeeee".</summary>
    public static bool TryParse(string? text, out DicomTag tag)
    {
        tag = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().TrimStart('(').TrimEnd(')').Replace(",", string.Empty, StringComparison.Ordinal);
        if (s.Length != 8 || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v))
        {
            return false;
        }

        tag = new DicomTag(v);
        return true;
    }

    public static DicomTag Parse(string text) =>
        TryParse(text, out var tag) ? tag : throw new FormatException($"'{text}' is not a DICOM tag; expected (gggg,eeee).");
}
