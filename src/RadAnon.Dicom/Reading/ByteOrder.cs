using System.Buffers.Binary;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Reading;

/// <summary>Converts big-endian values to the little-endian order every dataset holds in memory.</summary>
internal static class ByteOrder
{
    /// <summary>Returns a little-endian copy of a big-endian value (or the value itself when no swap applies).</summary>
    public static ReadOnlyMemory<byte> ToLittleEndian(ReadOnlyMemory<byte> value, DicomVR vr)
    {
        var unit = vr == DicomVR.AT ? 2 : vr.UnitSize();
        if (unit <= 1 || value.Length < unit)
        {
            return value;
        }

        var copy = value.ToArray();
        Swap(copy, unit);
        return copy;
    }

    /// <summary>Reverses each unit-sized run of bytes in place; a trailing partial unit is left alone.</summary>
    public static void Swap(Span<byte> data, int unit)
    {
        var whole = data.Length - (data.Length % unit);
        switch (unit)
        {
            case 2:
                var shorts = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(data[..whole]);
                BinaryPrimitives.ReverseEndianness(shorts, shorts);
                break;
            case 4:
                var ints = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(data[..whole]);
                BinaryPrimitives.ReverseEndianness(ints, ints);
                break;
            case 8:
                var longs = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(data[..whole]);
                BinaryPrimitives.ReverseEndianness(longs, longs);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(unit), unit, "unit must be 2, 4 or 8");
        }
    }
}
