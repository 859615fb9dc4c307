using System.Numerics;
using System.Runtime.InteropServices;

namespace RadAnon.Dicom.Pixels;

/// <summary>
/// The bits of native pixel words outside the stored bits (PS3.5 8.1.1: bits HighBit - BitsStored + 1 to HighBit hold the
/// value; the others are not part of it). Writers before 2004 kept overlays there (OverlayBitPosition), and anything can
/// hide there unseen by a viewer. <see cref="Normalize"/> rewrites the words whose outside bits carry anything but the
/// value: unsigned, those bits are cleared; signed, a word whose bits above HighBit are all clear or all copies of its
/// sign bit is left as it is (both conventions are in use and say nothing beyond the value), any other gets the sign
/// extension. Bits below the stored bits are cleared. The stored value of every word is unchanged.
/// </summary>
public static class UnusedPixelBits
{
    /// <summary>
    /// A copy of <paramref name="data"/> (native, little-endian words of <see cref="PixelDescription.BitsAllocated"/> 8,
    /// 16 or 32) with those words rewritten, and how many changed; null when no word needs a change (the common case,
    /// found with one vectorised read) or the layout has no unused bits.
    /// </summary>
    public static (byte[] Data, long ChangedWords)? Normalize(ReadOnlySpan<byte> data, PixelDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        var bits = description.BitsAllocated;
        if (bits is not (8 or 16 or 32) || description.BitsStored >= bits)
        {
            return null;
        }

        var shape = new Shape(bits - 1 - description.HighBit, description.HighBit - description.BitsStored + 1, description.IsSigned);
        var whole = data[..(data.Length / (bits / 8) * (bits / 8))];
        return bits switch
        {
            8 => Run(whole, data, shape, static (v, t) => Vector.ShiftRightLogical(Vector.ShiftLeft(v, t), t),
                static (v, t) => Vector.AsVectorByte(Vector.ShiftRightArithmetic(Vector.AsVectorSByte(Vector.ShiftLeft(v, t)), t)),
                static (w, t) => (byte)((byte)(w << t) >> t), static (w, t) => (byte)((sbyte)(w << t) >> t)),
            16 => Run(MemoryMarshal.Cast<byte, ushort>(whole), data, shape, static (v, t) => Vector.ShiftRightLogical(Vector.ShiftLeft(v, t), t),
                static (v, t) => Vector.AsVectorUInt16(Vector.ShiftRightArithmetic(Vector.AsVectorInt16(Vector.ShiftLeft(v, t)), t)),
                static (w, t) => (ushort)((ushort)(w << t) >> t), static (w, t) => (ushort)((short)(w << t) >> t)),
            _ => Run(MemoryMarshal.Cast<byte, uint>(whole), data, shape, static (v, t) => Vector.ShiftRightLogical(Vector.ShiftLeft(v, t), t),
                static (v, t) => Vector.AsVectorUInt32(Vector.ShiftRightArithmetic(Vector.AsVectorInt32(Vector.ShiftLeft(v, t)), t)),
                static (w, t) => w << t >> t, static (w, t) => (uint)((int)(w << t) >> t)),
        };
    }

    /// <summary>Bits above HighBit (<c>Top</c>), bits below the stored bits (<c>Low</c>), signedness.</summary>
    private readonly record struct Shape(int Top, int Low, bool Signed);

    /// <summary>How many leading 16-bit words conform, vectorised without delegates (the common 12-in-16 layouts).</summary>
    private static int Conforming16(ReadOnlySpan<ushort> words, Shape shape, ushort lowMask)
    {
        var i = 0;
        if (!Vector.IsHardwareAccelerated)
        {
            return 0;
        }

        var mask = new Vector<ushort>(lowMask);
        var top = shape.Top;
        var blocks = MemoryMarshal.Cast<ushort, Vector<ushort>>(words);
        if (!shape.Signed)
        {
            // Unsigned: no bit outside the stored bits, i.e. (w & ~stored) == 0 for every word; OR-reduce a block of 4 at a time.
            var outside = ~(Vector.ShiftRightLogical(Vector.ShiftLeft(Vector<ushort>.AllBitsSet, top), top) & mask);
            var b = 0;
            for (; b + 4 <= blocks.Length; b += 4)
            {
                if (!Vector.EqualsAll((blocks[b] | blocks[b + 1] | blocks[b + 2] | blocks[b + 3]) & outside, Vector<ushort>.Zero))
                {
                    break;
                }
            }

            return b * Vector<ushort>.Count;
        }

        for (; i < blocks.Length; i++)
        {
            var v = blocks[i];
            var shifted = Vector.ShiftLeft(v, top);
            var ok = Vector.Equals(Vector.ShiftRightLogical(shifted, top) & mask, v)
                | Vector.Equals(Vector.AsVectorUInt16(Vector.ShiftRightArithmetic(Vector.AsVectorInt16(shifted), top)) & mask, v);
            if (!Vector.EqualsAll(ok, Vector<ushort>.AllBitsSet))
            {
                break;
            }
        }

        return i * Vector<ushort>.Count;
    }

    private static (byte[] Data, long ChangedWords)? Run<T>(ReadOnlySpan<T> words, ReadOnlySpan<byte> data, Shape shape,
        Func<Vector<T>, int, Vector<T>> zeroHigh, Func<Vector<T>, int, Vector<T>> signHigh, Func<T, int, T> zeroHighWord, Func<T, int, T> signHighWord)
        where T : unmanaged, IBinaryInteger<T>
    {
        var lowMask = ~((T.One << shape.Low) - T.One);
        bool Conforms(T w) => ((zeroHighWord(w, shape.Top) & lowMask) == w) || (shape.Signed && (signHighWord(w, shape.Top) & lowMask) == w);

        var first = 0;
        if (typeof(T) == typeof(ushort))
        {
            first = Conforming16(MemoryMarshal.Cast<T, ushort>(words), shape, ushort.CreateTruncating(lowMask));
        }
        else if (Vector.IsHardwareAccelerated)
        {
            var mask = new Vector<T>(lowMask);
            for (; first <= words.Length - Vector<T>.Count; first += Vector<T>.Count)
            {
                var v = new Vector<T>(words[first..]);
                var ok = Vector.Equals(zeroHigh(v, shape.Top) & mask, v);
                if (shape.Signed)
                {
                    ok |= Vector.Equals(signHigh(v, shape.Top) & mask, v);
                }

                if (!Vector.EqualsAll(ok, Vector<T>.AllBitsSet))
                {
                    break;
                }
            }
        }

        while (first < words.Length && Conforms(words[first]))
        {
            first++;
        }

        if (first == words.Length)
        {
            return null;
        }

        var copy = data.ToArray();
        var target = MemoryMarshal.Cast<byte, T>(copy.AsSpan())[..words.Length];
        long changed = 0;
        for (var i = first; i < words.Length; i++)
        {
            if (!Conforms(target[i]))
            {
                target[i] = (shape.Signed ? signHighWord(target[i], shape.Top) : zeroHighWord(target[i], shape.Top)) & lowMask;
                changed++;
            }
        }

        return (copy, changed);
    }
}
