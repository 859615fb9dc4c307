using System.Runtime.InteropServices;

namespace RadAnon.Dicom.Pixels;

/// <summary>
/// Keeps only the BitsStored bits at HighBit (PS3.5 8.1.1) and sign-extends them when PixelRepresentation
/// is 1, so overlay bits or garbage in unused high bits never reach a caller as pixel values.
/// </summary>
internal static class StoredValueMask
{
    public static void Apply(Span<byte> data, PixelDescription d, bool honourHighBit)
    {
        if (d.BitsAllocated == 1)
        {
            return;
        }

        var shift = honourHighBit ? d.HighBit - (d.BitsStored - 1) : 0;
        var bits = d.BitsStored;
        switch (d.BytesPerSample)
        {
            case 1:
                if (bits == 8 && shift == 0)
                {
                    return;
                }

                foreach (ref var v in data)
                {
                    v = (byte)Normalize(v, shift, bits, d.IsSigned);
                }

                break;
            case 2:
                if (bits == 16 && shift == 0)
                {
                    return;
                }

                foreach (ref var v in MemoryMarshal.Cast<byte, ushort>(data))
                {
                    v = (ushort)Normalize(v, shift, bits, d.IsSigned);
                }

                break;
            default:
                if (bits == 32 && shift == 0)
                {
                    return;
                }

                foreach (ref var v in MemoryMarshal.Cast<byte, uint>(data))
                {
                    v = (uint)Normalize(v, shift, bits, d.IsSigned);
                }

                break;
        }
    }

    private static long Normalize(uint raw, int shift, int bits, bool signed)
    {
        var mask = bits >= 32 ? 0xFFFFFFFFu : (1u << bits) - 1;
        var value = (raw >> shift) & mask;
        if (signed && bits < 32 && (value & (1u << (bits - 1))) != 0)
        {
            return (long)value - (1L << bits);
        }

        return value;
    }
}
