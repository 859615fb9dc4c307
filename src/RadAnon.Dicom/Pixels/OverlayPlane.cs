using System.Globalization;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Pixels;

/// <summary>
/// One overlay plane of an image (PS3.3 C.9.2, repeating group 60xx): a bitmap in Overlay Data (60xx,3000), or, in
/// files from before 2004, a bit of the pixel word itself (no Overlay Data; Overlay Bit Position names the bit).
/// Built by <see cref="ReadAll"/>, which validates every plane against the image once; callers trust it after.
/// </summary>
public sealed record OverlayPlane
{
    /// <summary>60xx: 0x6000, 0x6002, ... 0x601E.</summary>
    public required ushort Group { get; init; }

    public required int Rows { get; init; }

    public required int Columns { get; init; }

    /// <summary>Overlay Origin row, 1-based as stored: 1 is the image's first row, less than 1 above it.</summary>
    public required int OriginRow { get; init; }

    /// <summary>Overlay Origin column, 1-based as stored.</summary>
    public required int OriginColumn { get; init; }

    /// <summary>Number of Frames in Overlay (1 when absent).</summary>
    public int Frames { get; init; } = 1;

    /// <summary>Image Frame Origin, 1-based: the image frame the first overlay frame belongs to.</summary>
    public int ImageFrameOrigin { get; init; } = 1;

    /// <summary>A one-frame overlay with no frame attributes on a multi-frame image: shown on every frame.</summary>
    public bool OnEveryFrame { get; init; }

    /// <summary>"G" (graphics) or "R" (region of interest).</summary>
    public string Type { get; init; } = "G";

    /// <summary>True when the plane lives in bit <see cref="BitPosition"/> of the pixel words, not in Overlay Data.</summary>
    public bool Embedded => Data.IsEmpty;

    /// <summary>The pixel-word bit of an embedded plane (0 for Overlay Data).</summary>
    public int BitPosition { get; init; }

    /// <summary>Overlay Data: rows × columns × frames bits, packed, the first pixel in bit 0 of the first byte.</summary>
    public ReadOnlyMemory<byte> Data { get; init; }

    /// <summary>The overlay frame shown on image frame <paramref name="imageFrame"/> (0-based), or -1.</summary>
    public int OverlayFrameFor(int imageFrame)
    {
        if (OnEveryFrame)
        {
            return 0;
        }

        var index = imageFrame - (ImageFrameOrigin - 1);
        return index >= 0 && index < Frames ? index : -1;
    }

    /// <summary>Whether the overlay bit at (row, column) of overlay frame <paramref name="frame"/> is set (Overlay Data planes).</summary>
    public bool IsSet(int frame, int row, int column)
    {
        var bit = (((long)frame * Rows) + row) * Columns + column;
        return (Data.Span[(int)(bit >> 3)] & (1 << (int)(bit & 7))) != 0;
    }

    /// <summary>True when the dataset holds any element of an overlay group (60xx, even xx up to 1E).</summary>
    public static bool AnyGroup(DicomDataset dataset)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return dataset.Any(e => IsOverlayGroup(e.Tag.Group));
    }

    public static bool IsOverlayGroup(ushort group) => (group & 0xFF00) == 0x6000 && (group & 0x00E1) == 0;

    /// <summary>
    /// Every overlay plane of <paramref name="dataset"/>, checked against <paramref name="image"/>. A group that defines no
    /// plane (no Overlay Data, rows or bit position, as some writers leave empty 6000 groups) is skipped. Throws
    /// <see cref="InvalidDicomException"/> naming the group for a plane that cannot be drawn as declared: missing or zero
    /// size, data shorter than rows × columns × frames bits, an origin that puts the whole plane outside the image, frames
    /// beyond the image's, or an embedded bit that is one of the stored pixel bits.
    /// </summary>
    public static IReadOnlyList<OverlayPlane> ReadAll(DicomDataset dataset, PixelDescription image)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(image);
        var planes = new List<OverlayPlane>();
        foreach (var group in dataset.Select(e => e.Tag.Group).Where(IsOverlayGroup).Distinct().Order())
        {
            if (Read(dataset, group, image) is { } plane)
            {
                planes.Add(plane);
            }
        }

        return planes;
    }

    private static OverlayPlane? Read(DicomDataset ds, ushort group, PixelDescription image)
    {
        var name = group.ToString("X4", CultureInfo.InvariantCulture);
        DicomTag Tag(ushort element) => new(group, element);
        var data = ds[Tag(0x3000)] is DicomValueElement { Data.IsEmpty: false } d ? d.Data : ReadOnlyMemory<byte>.Empty;
        var hasRows = ds.TryGet<int>(Tag(0x0010), out var rows);
        var hasColumns = ds.TryGet<int>(Tag(0x0011), out var columns);
        var hasBit = ds.TryGet<int>(Tag(0x0102), out var bitPosition);
        if (data.IsEmpty && !hasRows && !hasColumns && !hasBit)
        {
            return null;
        }

        if (!hasRows || !hasColumns || rows <= 0 || columns <= 0)
        {
            throw Invalid(name, "has no Overlay Rows and Columns (60xx,0010-0011) of at least 1");
        }

        if (!ds.TryGet<int>(Tag(0x0050), 0, out var originRow) || !ds.TryGet<int>(Tag(0x0050), 1, out var originColumn))
        {
            throw Invalid(name, "has no Overlay Origin (60xx,0050) row\\column");
        }

        var framed = ds.Contains(Tag(0x0015)) || ds.Contains(Tag(0x0051));
        var frames = ds.GetOrDefault(Tag(0x0015), 1);
        var frameOrigin = ds.GetOrDefault(Tag(0x0051), 1);
        if (frames < 1 || frameOrigin < 1 || (long)frameOrigin + frames - 1 > image.NumberOfFrames)
        {
            throw Invalid(name, $"declares {frames} frame(s) from image frame {frameOrigin}; the image has {image.NumberOfFrames}");
        }

        if ((long)originRow - 1 + rows <= 0 || originRow > image.Rows || (long)originColumn - 1 + columns <= 0 || originColumn > image.Columns)
        {
            throw Invalid(name, $"is {columns}x{rows} at origin {originRow}\\{originColumn} (1-based row\\column), entirely outside the {image.Columns}x{image.Rows} image");
        }

        var plane = new OverlayPlane
        {
            Group = group,
            Rows = rows,
            Columns = columns,
            OriginRow = originRow,
            OriginColumn = originColumn,
            Frames = frames,
            ImageFrameOrigin = frameOrigin,
            OnEveryFrame = !framed && image.NumberOfFrames > 1,
            Type = ds.GetString(Tag(0x0040))?.Trim() is { Length: > 0 } type ? type : "G",
            BitPosition = data.IsEmpty ? bitPosition : 0,
            Data = data,
        };
        if (!data.IsEmpty)
        {
            var needed = ((long)rows * columns * frames + 7) / 8;
            if (data.Length < needed)
            {
                throw Invalid(name, $"Overlay Data has {data.Length} bytes; {columns}x{rows} x {frames} frame(s) needs {needed}");
            }

            return plane;
        }

        var lowStored = image.HighBit - image.BitsStored + 1;
        if (!hasBit || bitPosition < 0 || bitPosition >= image.BitsAllocated || (bitPosition >= lowStored && bitPosition <= image.HighBit))
        {
            throw Invalid(name, $"has no Overlay Data and Overlay Bit Position {(hasBit ? bitPosition : "(absent)")} is not an unused bit of "
                + $"the {image.BitsAllocated}-bit pixel word (stored bits {lowStored}-{image.HighBit})");
        }

        if (rows != image.Rows || columns != image.Columns || originRow != 1 || originColumn != 1 || image.SamplesPerPixel != 1)
        {
            throw Invalid(name, $"is embedded in the pixel data but is {columns}x{rows} at {originRow}\\{originColumn}; it must cover the "
                + $"{image.Columns}x{image.Rows} single-sample image from 1\\1");
        }

        return plane;
    }

    private static InvalidDicomException Invalid(string group, string problem) => new($"overlay group {group} {problem}", -1);
}
