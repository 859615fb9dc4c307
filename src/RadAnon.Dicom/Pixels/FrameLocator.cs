using System.Buffers.Binary;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Pixels;

/// <summary>
/// Finds the bytes of each frame in encapsulated pixel data (PS3.5 A.4): by the Extended Offset Table,
/// the Basic Offset Table, one fragment per frame, or, failing those, by codestream start markers.
/// </summary>
public static class FrameLocator
{
    /// <summary>Returns the encoded frame; fragments that make up one frame are joined into one buffer.</summary>
    public static ReadOnlyMemory<byte> GetFrame(DicomDataset dataset, DicomFragments fragments, int frameIndex, int numberOfFrames)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(fragments);
        if (frameIndex < 0 || frameIndex >= numberOfFrames)
        {
            throw new ArgumentOutOfRangeException(nameof(frameIndex), frameIndex, $"the image has {numberOfFrames} frames");
        }

        var ranges = FrameRanges(dataset, fragments, numberOfFrames);
        var (first, count) = ranges[frameIndex];
        return Join(fragments, first, count);
    }

    /// <summary>For each frame, the first fragment index and the number of fragments it spans.</summary>
    public static IReadOnlyList<(int First, int Count)> FrameRanges(DicomDataset dataset, DicomFragments fragments, int numberOfFrames)
    {
        var list = fragments.Fragments;
        if (list.Count == 0)
        {
            throw new InvalidDicomException("encapsulated pixel data has no fragments", -1);
        }

        if (numberOfFrames == 1)
        {
            return [(0, list.Count)];
        }

        var offsets = ExtendedOffsets(dataset) ?? BasicOffsets(fragments.OffsetTable.Span);
        if (offsets is { Length: > 0 } && offsets.Length == numberOfFrames)
        {
            return RangesFromOffsets(list, offsets);
        }

        if (list.Count == numberOfFrames)
        {
            return Enumerable.Range(0, numberOfFrames).Select(i => (i, 1)).ToArray();
        }

        var starts = new List<int>();
        for (var i = 0; i < list.Count; i++)
        {
            if (IsCodestreamStart(list[i].Span))
            {
                starts.Add(i);
            }
        }

        if (starts.Count == numberOfFrames && starts[0] == 0)
        {
            return starts.Select((s, i) => (s, (i + 1 < starts.Count ? starts[i + 1] : list.Count) - s)).ToArray();
        }

        throw new InvalidDicomException($"cannot tell which of {list.Count} fragments belong to each of {numberOfFrames} frames (no usable offset table)", -1);
    }

    private static (int, int)[] RangesFromOffsets(IReadOnlyList<ReadOnlyMemory<byte>> list, ulong[] offsets)
    {
        // Offsets count bytes from the first fragment's item tag; each fragment item has an 8-byte header.
        var positions = new ulong[list.Count];
        ulong position = 0;
        for (var i = 0; i < list.Count; i++)
        {
            positions[i] = position;
            position += 8 + (ulong)list[i].Length;
        }

        var ranges = new (int, int)[offsets.Length];
        for (var f = 0; f < offsets.Length; f++)
        {
            var first = Array.IndexOf(positions, offsets[f]);
            var end = f + 1 < offsets.Length ? Array.IndexOf(positions, offsets[f + 1]) : list.Count;
            if (first < 0 || end < 0 || end <= first)
            {
                throw new InvalidDicomException($"offset table entry {f} ({offsets[f]}) does not point at a fragment", -1);
            }

            ranges[f] = (first, end - first);
        }

        return ranges;
    }

    private static ulong[]? ExtendedOffsets(DicomDataset dataset) =>
        dataset[DicomTags.ExtendedOffsetTable] is DicomValueElement e && e.Length >= 8
            ? dataset.GetValues<ulong>(DicomTags.ExtendedOffsetTable)
            : null;

    private static ulong[] BasicOffsets(ReadOnlySpan<byte> table)
    {
        var offsets = new ulong[table.Length / 4];
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = BinaryPrimitives.ReadUInt32LittleEndian(table[(i * 4)..]);
        }

        return offsets;
    }

    /// <summary>JPEG (FFD8), JPEG-LS (FFD8) and JPEG 2000 codestream (FF4F) or JP2 box starts.</summary>
    private static bool IsCodestreamStart(ReadOnlySpan<byte> fragment) =>
        fragment.Length >= 2 && fragment[0] == 0xFF && (fragment[1] == 0xD8 || fragment[1] == 0x4F)
        || fragment.Length >= 12 && fragment[4..8].SequenceEqual("jP  "u8);

    private static ReadOnlyMemory<byte> Join(DicomFragments fragments, int first, int count)
    {
        if (count == 1)
        {
            return fragments.Fragments[first];
        }

        var length = 0L;
        for (var i = first; i < first + count; i++)
        {
            length += fragments.Fragments[i].Length;
        }

        var joined = new byte[length];
        var offset = 0;
        for (var i = first; i < first + count; i++)
        {
            fragments.Fragments[i].Span.CopyTo(joined.AsSpan(offset));
            offset += fragments.Fragments[i].Length;
        }

        return joined;
    }
}
