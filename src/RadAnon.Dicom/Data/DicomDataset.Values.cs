using System.Buffers.Binary;
using System.Globalization;
using RadAnon.Dicom.Text;

namespace RadAnon.Dicom.Data;

/// <summary>Typed access to values: strings decode through the character set, numbers from binary or text VRs.</summary>
public sealed partial class DicomDataset
{
    /// <summary>The character set in force here: this dataset's (0008,0005), or the nearest enclosing one.</summary>
    public DicomCharacterSet CharacterSet
    {
        get
        {
            for (var ds = this; ds is not null; ds = ds.Parent?.Owner)
            {
                if (ds[DicomTags.SpecificCharacterSet] is DicomValueElement e)
                {
                    return DicomCharacterSet.FromTerms(SplitValues(DicomCharacterSet.Default.Decode(e.Data.Span, DicomVR.CS), DicomVR.CS));
                }
            }

            return DicomCharacterSet.Default;
        }
    }

    /// <summary>The whole value as text, trailing padding removed; null when absent or not a string.</summary>
    public string? GetString(DicomTag tag)
    {
        if (this[tag] is not DicomValueElement e)
        {
            return null;
        }

        if (e.VR.IsString())
        {
            var text = CharacterSet.Decode(e.Data.Span, e.VR);
            return TrimPadding(text, e.VR);
        }

        return e.VR == DicomVR.AT || e.VR.UnitSize() > 0 && !e.VR.IsBulk()
            ? string.Join('\\', GetValueStrings(e))
            : null;
    }

    /// <summary>Each value of a multi-valued string, split on backslash (never for LT, ST, UT and UR).</summary>
    public IReadOnlyList<string> GetStrings(DicomTag tag)
    {
        if (this[tag] is not DicomValueElement e)
        {
            return [];
        }

        return e.VR.IsString() ? SplitValues(CharacterSet.Decode(e.Data.Span, e.VR), e.VR) : GetValueStrings(e);
    }

    public T Get<T>(DicomTag tag, int index = 0) => TryGet<T>(tag, index, out var value)
        ? value
        : throw new KeyNotFoundException($"{tag} {DicomDictionary.KeywordOf(tag)} has no value {index} convertible to {typeof(T).Name}");

    public bool TryGet<T>(DicomTag tag, out T value) => TryGet(tag, 0, out value);

    public T GetOrDefault<T>(DicomTag tag, T defaultValue) => TryGet<T>(tag, 0, out var value) ? value : defaultValue;

    public bool TryGet<T>(DicomTag tag, int index, out T value)
    {
        value = default!;
        if (typeof(T) == typeof(string))
        {
            var strings = GetStrings(tag);
            if (index >= strings.Count)
            {
                return false;
            }

            value = (T)(object)TrimPadding(strings[index], this[tag]!.VR);
            return true;
        }

        if (typeof(T) == typeof(DicomSequence))
        {
            if (this[tag] is DicomSequence seq)
            {
                value = (T)(object)seq;
                return true;
            }

            return false;
        }

        if (this[tag] is not DicomValueElement e)
        {
            return false;
        }

        if (e.VR.IsString())
        {
            var strings = SplitValues(CharacterSet.Decode(e.Data.Span, e.VR), e.VR);
            return index < strings.Count && TryParseNumber(strings[index].Trim(), out value);
        }

        return TryReadBinary(e, index, out value);
    }

    /// <summary>Every numeric value of a binary element (US, SS, UL, FL, OW...), converted to T.</summary>
    public T[] GetValues<T>(DicomTag tag)
    {
        var result = new List<T>();
        for (var i = 0; TryGet<T>(tag, i, out var v); i++)
        {
            result.Add(v);
        }

        return [.. result];
    }

    internal static string TrimPadding(string text, DicomVR vr) => vr switch
    {
        DicomVR.UI => text.TrimEnd('\0', ' '),
        DicomVR.LT or DicomVR.ST or DicomVR.UT or DicomVR.UR => text.TrimEnd(' ', '\0'),
        _ => text.Trim(' ', '\0'),
    };

    internal static IReadOnlyList<string> SplitValues(string text, DicomVR vr)
    {
        if (text.Length == 0)
        {
            return [];
        }

        return vr.IsSingleValuedText() ? [TrimPadding(text, vr)] : text.Split('\\').Select(s => TrimPadding(s, vr)).ToArray();
    }

    private static List<string> GetValueStrings(DicomValueElement e)
    {
        var unit = e.VR.UnitSize();
        var list = new List<string>();
        if (unit == 0)
        {
            return list;
        }

        var span = e.Data.Span;
        for (var offset = 0; offset + unit <= span.Length; offset += unit)
        {
            var s = span.Slice(offset, unit);
            list.Add(e.VR switch
            {
                DicomVR.US or DicomVR.OW => BinaryPrimitives.ReadUInt16LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                DicomVR.SS => BinaryPrimitives.ReadInt16LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                DicomVR.UL or DicomVR.OL => BinaryPrimitives.ReadUInt32LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                DicomVR.SL => BinaryPrimitives.ReadInt32LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                DicomVR.FL or DicomVR.OF => BinaryPrimitives.ReadSingleLittleEndian(s).ToString("R", CultureInfo.InvariantCulture),
                DicomVR.FD or DicomVR.OD => BinaryPrimitives.ReadDoubleLittleEndian(s).ToString("R", CultureInfo.InvariantCulture),
                DicomVR.SV => BinaryPrimitives.ReadInt64LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                DicomVR.UV or DicomVR.OV => BinaryPrimitives.ReadUInt64LittleEndian(s).ToString(CultureInfo.InvariantCulture),
                DicomVR.AT => new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(s), BinaryPrimitives.ReadUInt16LittleEndian(s[2..])).ToJsonKey(),
                _ => string.Empty,
            });
        }

        return list;
    }

    private static bool TryReadBinary<T>(DicomValueElement e, int index, out T value)
    {
        value = default!;
        var unit = e.VR.UnitSize();
        if (unit == 0 || (long)(index + 1) * unit > e.Data.Length)
        {
            return false;
        }

        var s = e.Data.Span.Slice(index * unit, unit);
        if (e.VR == DicomVR.AT)
        {
            if (typeof(T) != typeof(DicomTag))
            {
                return false;
            }

            value = (T)(object)new DicomTag(BinaryPrimitives.ReadUInt16LittleEndian(s), BinaryPrimitives.ReadUInt16LittleEndian(s[2..]));
            return true;
        }

        double number = e.VR switch
        {
            DicomVR.US or DicomVR.OW => BinaryPrimitives.ReadUInt16LittleEndian(s),
            DicomVR.SS => BinaryPrimitives.ReadInt16LittleEndian(s),
            DicomVR.UL or DicomVR.OL => BinaryPrimitives.ReadUInt32LittleEndian(s),
            DicomVR.SL => BinaryPrimitives.ReadInt32LittleEndian(s),
            DicomVR.FL or DicomVR.OF => BinaryPrimitives.ReadSingleLittleEndian(s),
            DicomVR.FD or DicomVR.OD => BinaryPrimitives.ReadDoubleLittleEndian(s),
            DicomVR.SV => BinaryPrimitives.ReadInt64LittleEndian(s),
            DicomVR.UV or DicomVR.OV => BinaryPrimitives.ReadUInt64LittleEndian(s),
            _ => double.NaN,
        };
        return TryConvert(number, out value);
    }

    private static bool TryParseNumber<T>(string text, out T value)
    {
        value = default!;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && TryConvert(d, out value);
    }

    private static bool TryConvert<T>(double number, out T value)
    {
        value = default!;
        if (double.IsNaN(number) && typeof(T) != typeof(double) && typeof(T) != typeof(float))
        {
            return false;
        }

        object? boxed = Type.GetTypeCode(typeof(T)) switch
        {
            TypeCode.Double => number,
            TypeCode.Single => (float)number,
            TypeCode.Decimal => (decimal)number,
            TypeCode.Int16 when number is >= short.MinValue and <= short.MaxValue => (short)number,
            TypeCode.UInt16 when number is >= 0 and <= ushort.MaxValue => (ushort)number,
            TypeCode.Int32 when number is >= int.MinValue and <= int.MaxValue => (int)number,
            TypeCode.UInt32 when number is >= 0 and <= uint.MaxValue => (uint)number,
            TypeCode.Int64 when number is >= long.MinValue and <= long.MaxValue => (long)number,
            TypeCode.UInt64 when number >= 0 => (ulong)number,
            TypeCode.Byte when number is >= 0 and <= byte.MaxValue => (byte)number,
            _ => null,
        };
        if (boxed is null)
        {
            return false;
        }

        value = (T)boxed;
        return true;
    }
}
