namespace RadAnon.Dicom.Codecs.Rle;

/// <summary>The PackBits byte-run scheme of PS3.5 G.3 (header n: 0..127 copy n+1 literals, -1..-127
/// repeat the next byte 1-n times, -128 no operation).</summary>
internal static class PackBits
{
    /// <summary>Longest literal or replicate run one header can describe.</summary>
    private const int MaxRun = 128;

    /// <summary>
    /// Decodes <paramref name="source"/> into every <paramref name="stride"/>-th byte of
    /// <paramref name="destination"/>, stopping after <paramref name="count"/> bytes. Trailing input after
    /// the last needed byte (segment padding) is ignored; a run that would overflow the frame is corrupt.
    /// </summary>
    /// <returns>The number of bytes produced, fewer than <paramref name="count"/> when the input ran out.</returns>
    public static long Decode(ReadOnlySpan<byte> source, Span<byte> destination, int stride, long count)
    {
        long written = 0;
        var position = 0;
        var limit = destination.Length;
        while (written < count && position < source.Length)
        {
            var header = (sbyte)source[position++];
            if (header >= 0)
            {
                var length = header + 1;
                if (position + length > source.Length)
                {
                    throw new InvalidDicomException($"RLE literal run of {length} bytes runs past the end of its segment", -1);
                }

                CheckRoom(written, length, count);
                for (var i = 0; i < length; i++)
                {
                    destination[Index(written++, stride, limit)] = source[position++];
                }
            }
            else if (header != -128)
            {
                var length = 1 - header;
                if (position >= source.Length)
                {
                    throw new InvalidDicomException("RLE replicate run has no value byte at the end of its segment", -1);
                }

                CheckRoom(written, length, count);
                var value = source[position++];
                for (var i = 0; i < length; i++)
                {
                    destination[Index(written++, stride, limit)] = value;
                }
            }
        }

        return written;
    }

    /// <summary>Appends the PackBits encoding of every <paramref name="stride"/>-th byte of one row.</summary>
    public static void Encode(ReadOnlySpan<byte> row, int stride, int count, List<byte> output)
    {
        var i = 0;
        while (i < count)
        {
            var value = row[i * stride];
            var run = 1;
            while (i + run < count && run < MaxRun && row[(i + run) * stride] == value)
            {
                run++;
            }

            if (run >= 2)
            {
                output.Add((byte)(sbyte)(1 - run));
                output.Add(value);
                i += run;
                continue;
            }

            // Literal: extend until two equal bytes start a replicate run, or the run is full.
            var start = i;
            var length = 1;
            while (start + length < count && length < MaxRun
                && !(start + length + 1 < count && row[(start + length) * stride] == row[(start + length + 1) * stride]))
            {
                length++;
            }

            output.Add((byte)(length - 1));
            for (var k = 0; k < length; k++)
            {
                output.Add(row[(start + k) * stride]);
            }

            i += length;
        }
    }

    private static void CheckRoom(long written, int length, long count)
    {
        if (written + length > count)
        {
            throw new InvalidDicomException($"RLE run of {length} bytes overflows the frame after {written} of {count} bytes", -1);
        }
    }

    private static int Index(long n, int stride, int limit)
    {
        var index = n * stride;
        return index < limit ? (int)index : throw new InvalidDicomException("RLE segment writes past the frame", -1);
    }
}
