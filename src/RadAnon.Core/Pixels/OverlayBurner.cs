using System.Globalization;
using RadAnon.Core.Provenance;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.Dicom.Pixels;

namespace RadAnon.Core.Pixels;

/// <summary>
/// Flattens an image's overlay planes (60xx) into its decoded frames before burned-in text cleaning, so the cleaner
/// sees, and redacts, text drawn in an overlay. Set overlay bits are drawn white as displayed: the brightest displayed
/// value for monochrome (MONOCHROME1 respected), full scale for RGB, full luma and neutral chroma for YBR. Planes held
/// in unused bits of the pixel words are read from the undecoded bits; the frames themselves are masked to the stored
/// bits, so writing them back clears those bits. The 60xx groups are removed afterwards by the header run.
/// </summary>
internal sealed class OverlayBurner
{
    private readonly PixelDataDecoder _decoder;
    private readonly DicomDataset _dataset;
    private readonly IReadOnlyList<OverlayPlane> _planes;

    /// <exception cref="InvalidDicomException">An overlay plane cannot be drawn as declared (see <see cref="OverlayPlane.ReadAll"/>).</exception>
    public OverlayBurner(DicomDataset dataset, PixelDataDecoder decoder)
    {
        _dataset = dataset;
        _decoder = decoder;
        _planes = OverlayPlane.ReadAll(dataset, decoder.Description);
        if (_planes.Count > 0 && decoder.Description.PhotometricInterpretation == "PALETTE COLOR")
        {
            throw new UnsupportedPixelDataException("overlays cannot be burned into PALETTE COLOR pixel data (no palette entry is known to be white); "
                + "anonymize without burnOverlays to remove them");
        }
    }

    /// <summary>One entry per plane: group, size, frames and where its bits came from; never its content.</summary>
    public IReadOnlyList<OverlayReport> Entries => _planes.Select(p => new OverlayReport(
        p.Group.ToString("X4", CultureInfo.InvariantCulture), p.Rows, p.Columns, p.Frames, p.Type,
        p.Embedded ? "pixel-data-bit-" + p.BitPosition.ToString(CultureInfo.InvariantCulture) : "overlay-data", "burned")).ToList();

    public int PlaneCount => _planes.Count;

    /// <summary>Draws every plane shown on image frame <paramref name="frame"/> into its planes; returns the pixels set.</summary>
    public long Burn(int frame, FramePlanes planes)
    {
        var shown = _planes.Where(p => p.OverlayFrameFor(frame) >= 0).ToList();
        if (shown.Count == 0)
        {
            return 0;
        }

        var values = WhiteValues(planes);
        var unused = shown.Any(p => p.Embedded) ? _decoder.DecodeUnusedBits(frame) : null;
        var width = planes.Description.Columns;
        var height = planes.Description.Rows;
        long drawn = 0;
        foreach (var plane in shown)
        {
            var overlayFrame = plane.OverlayFrameFor(frame);

            // Overlay pixel (r, c) lies on image pixel (OriginRow - 1 + r, OriginColumn - 1 + c); only the part on the image is visited.
            var top = plane.OriginRow - 1;
            var left = plane.OriginColumn - 1;
            var rowStart = Math.Max(0, -top);
            var rowEnd = Math.Min(plane.Rows, height - top);
            var columnStart = Math.Max(0, -left);
            var columnEnd = Math.Min(plane.Columns, width - left);
            for (var r = rowStart; r < rowEnd; r++)
            {
                var y = top + r;
                for (var c = columnStart; c < columnEnd; c++)
                {
                    var x = left + c;
                    var set = plane.Embedded
                        ? (unused![(y * width) + x] >> plane.BitPosition & 1) != 0
                        : plane.IsSet(overlayFrame, r, c);
                    if (!set)
                    {
                        continue;
                    }

                    for (var s = 0; s < planes.Planes.Length; s++)
                    {
                        planes.Planes[s][x, y] = values[s];
                    }

                    drawn++;
                }
            }
        }

        return drawn;
    }

    private int[] WhiteValues(FramePlanes planes)
    {
        if (planes.IsMonochrome)
        {
            return [planes.BrightestDisplayedValue(_dataset)];
        }

        var max = planes.Planes[0].MaxValue;
        return planes.PhotometricInterpretation.StartsWith("YBR", StringComparison.Ordinal)
            ? [max, (max + 1) / 2, (max + 1) / 2]
            : [.. planes.Planes.Select(p => p.MaxValue)];
    }
}
