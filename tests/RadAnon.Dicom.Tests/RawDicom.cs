using System.Buffers.Binary;
using System.Text;

namespace RadAnon.Dicom.Tests;

/// <summary>Hand-assembles DICOM bytes for hostile-input tests, including shapes our writer would never emit.</summary>
internal sealed class RawDicom
{
    private readonly MemoryStream _stream = new();

    /// <summary>Starts a Part 10 file: preamble, DICM and a meta group naming <paramref name="transferSyntax"/>.</summary>
    public static RawDicom Part10(string transferSyntax = TransferSyntax.ExplicitVRLittleEndianUid)
    {
        var raw = new RawDicom();
        raw._stream.Write(new byte[128]);
        raw._stream.Write("DICM"u8);
        var uid = transferSyntax.Length % 2 == 1 ? transferSyntax + "\0" : transferSyntax;
        raw.Explicit(0x0002, 0x0010, "UI", Encoding.ASCII.GetBytes(uid));
        return raw;
    }

    public RawDicom Explicit(ushort group, ushort element, string vr, ReadOnlySpan<byte> value, uint? declaredLength = null)
    {
        Tag(group, element);
        _stream.Write(Encoding.ASCII.GetBytes(vr));
        var length = declaredLength ?? (uint)value.Length;
        if (vr is "OB" or "OW" or "SQ" or "UN" or "UT" or "UC" or "UR" or "OD" or "OF" or "OL" or "OV" or "SV" or "UV")
        {
            _stream.Write(new byte[2]);
            UInt32(length);
        }
        else
        {
            UInt16((ushort)length);
        }

        _stream.Write(value);
        return this;
    }

    public RawDicom Explicit(ushort group, ushort element, string vr, string value) =>
        Explicit(group, element, vr, Encoding.ASCII.GetBytes(value.Length % 2 == 1 ? value + " " : value));

    public RawDicom UInt16Value(ushort group, ushort element, ushort value)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        return Explicit(group, element, "US", bytes);
    }

    /// <summary>Writes a bare tag and 32-bit length: items, delimiters, or an undefined-length header.</summary>
    public RawDicom TagAndLength(ushort group, ushort element, uint length)
    {
        Tag(group, element);
        UInt32(length);
        return this;
    }

    public RawDicom Bytes(ReadOnlySpan<byte> bytes)
    {
        _stream.Write(bytes);
        return this;
    }

    public byte[] ToArray() => _stream.ToArray();

    private void Tag(ushort group, ushort element)
    {
        UInt16(group);
        UInt16(element);
    }

    private void UInt16(ushort value)
    {
        Span<byte> b = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(b, value);
        _stream.Write(b);
    }

    private void UInt32(uint value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        _stream.Write(b);
    }
}
