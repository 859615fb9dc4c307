using System.Globalization;
using NetVips;
using RadAnon.Core.Pixels;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.SyntheticData;

/// <summary>
/// The files users upload, built in memory from a synthetic radiograph: DICOM (8 or 16 bits allocated, any number of
/// frames), PNG (8/16-bit grey or RGB) and JPEG, each able to carry a canary in its metadata; and text burned into
/// the pixels. One builder for every test project, so a fix to how inputs are made reaches all of them.
/// </summary>
public static class SyntheticFiles
{
    /// <summary>
    /// Burns light text at (x, y), by default anti-aliased on a dark backing box as scanners print their annotations;
    /// with <paramref name="antialiased"/> false, glyph pixels above a third of full coverage are set to white.
    /// </summary>
    public static void BurnText(GrayImage image, string text, int x, int y, int size, bool backing = true, string font = "DejaVu Sans Bold", bool antialiased = true)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var rendered = Image.Text(text, font: string.Create(CultureInfo.InvariantCulture, $"{font} {size}"), dpi: 72);
        var mask = rendered.Cast(Enums.BandFormat.Uchar).WriteToMemory<byte>();
        if (backing)
        {
            for (var yy = Math.Max(0, y - 6); yy < Math.Min(image.Height, y + rendered.Height + 6); yy++)
            {
                for (var xx = Math.Max(0, x - 6); xx < Math.Min(image.Width, x + rendered.Width + 6); xx++)
                {
                    image[xx, yy] = image.MaxValue / 20;
                }
            }
        }

        for (var yy = 0; yy < rendered.Height && y + yy < image.Height; yy++)
        {
            for (var xx = 0; xx < rendered.Width && x + xx < image.Width; xx++)
            {
                var alpha = mask[(yy * rendered.Width) + xx] / 255.0;
                if (!antialiased)
                {
                    alpha = mask[(yy * rendered.Width) + xx] > 96 ? 1 : 0;
                }

                if (alpha > 0)
                {
                    image[x + xx, y + yy] = (int)Math.Round((image[x + xx, y + yy] * (1 - alpha)) + (image.MaxValue * alpha));
                }
            }
        }
    }

    /// <summary>
    /// A Part 10 file (explicit VR little endian) of <paramref name="header"/> plus the image module: the image repeated
    /// <paramref name="frames"/> times, minus <paramref name="truncateBytes"/> at the end of Pixel Data. Bits allocated
    /// follow the image (8 or 16) unless <paramref name="bitsAllocated"/> says 16 for an 8-bit image.
    /// </summary>
    public static byte[] Dicom(GrayImage image, DicomDataset header, int frames = 1, int truncateBytes = 0, string photometric = "MONOCHROME2", int? bitsAllocated = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(header);
        var allocated = bitsAllocated ?? (image.Is16Bit ? 16 : 8);
        if (allocated is not (8 or 16) || (allocated == 8 && image.Is16Bit))
        {
            throw new ArgumentOutOfRangeException(nameof(bitsAllocated), allocated, "8 (for an 8-bit image) or 16");
        }

        var ds = header.Clone();
        ds.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, photometric);
        ds.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)image.Height);
        ds.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)image.Width);
        ds.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)allocated);
        ds.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)image.BitsStored);
        ds.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)(image.BitsStored - 1));
        ds.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        if (frames > 1)
        {
            ds.AddOrUpdate(DicomTags.NumberOfFrames, DicomVR.IS, frames.ToString(CultureInfo.InvariantCulture));
        }

        var frameBytes = image.Width * image.Height * (allocated / 8);
        var pixels = new byte[(frameBytes * frames) - truncateBytes];
        var one = new byte[frameBytes];
        for (var i = 0; i < image.Width * image.Height; i++)
        {
            var v = image[i % image.Width, i / image.Width];
            if (allocated == 8)
            {
                one[i] = (byte)v;
            }
            else
            {
                one[2 * i] = (byte)v;
                one[(2 * i) + 1] = (byte)(v >> 8);
            }
        }

        for (var f = 0; f < frames; f++)
        {
            one.AsSpan(0, Math.Min(frameBytes, pixels.Length - (f * frameBytes))).CopyTo(pixels.AsSpan(f * frameBytes));
        }

        ds.AddOrReplace(new DicomValueElement(DicomTags.PixelData, allocated == 8 ? DicomVR.OB : DicomVR.OW, pixels));
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVRLittleEndian).ToBytes();
    }

    /// <summary>The same object as <see cref="Dicom"/> (one frame), its pixels RLE-compressed by our encoder.</summary>
    public static byte[] DicomRle(GrayImage image, DicomDataset header)
    {
        using var native = DicomFile.Read(Dicom(image, header));
        var ds = native.Dataset.Clone();
        var frame = ((DicomValueElement)ds[DicomTags.PixelData]!).Data;
        var encoder = RadAnon.Dicom.Codecs.FrameCodecs.GetEncoder(TransferSyntax.Lookup(TransferSyntax.RleLosslessUid))!;
        var fragment = encoder.Encode(frame.Span, RadAnon.Dicom.Pixels.PixelDescription.FromDataset(ds));
        ds.AddOrReplace(new DicomFragments(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, [fragment]));
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.Lookup(TransferSyntax.RleLosslessUid)).ToBytes();
    }

    /// <summary>PNG of the image (8 or 16-bit grey, or the grey copied into RGB), with an optional tEXt Author chunk.</summary>
    public static byte[] Png(GrayImage image, bool rgb = false, string? author = null)
    {
        using var banded = Banded(image, rgb);
        using var tagged = author is null ? banded.Copy() : banded.Mutate(m => m.Set(GValue.GStrType, "png-comment-0-Author", author));
        return tagged.PngsaveBuffer(keep: Enums.ForeignKeep.All);
    }

    /// <summary>JPEG of the image (16-bit input is scaled to 8 bits), with an optional COM segment.</summary>
    public static byte[] Jpeg(GrayImage image, bool rgb = false, string? comment = null, int quality = 95)
    {
        using var banded = Banded(image, rgb);
        using var eight = image.Is16Bit ? banded.Linear([1.0 / 257], [0.0]).Cast(Enums.BandFormat.Uchar) : banded.Copy();
        using var tagged = comment is null ? eight.Copy() : eight.Mutate(m => m.Set(GValue.GStrType, "jpeg-comment", comment));
        return tagged.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.All);
    }

    /// <summary>An 8-bit image after a JPEG round trip (quality 75: what a web image bank holds), same geometry.</summary>
    public static GrayImage JpegRoundTrip(GrayImage image, int quality = 75)
    {
        using var decoded = Image.NewFromBuffer(Jpeg(image, quality: quality));
        var copy = GrayImage.Create8(image.Width, image.Height);
        decoded.WriteToMemory<byte>().CopyTo(copy.Pixels8);
        return copy;
    }

    private static Image Banded(GrayImage image, bool rgb)
    {
        ArgumentNullException.ThrowIfNull(image);
        using var gray = image.Is16Bit
            ? Image.NewFromMemory(image.Pixels16.ToArray(), image.Width, image.Height, 1, Enums.BandFormat.Ushort).Copy(interpretation: Enums.Interpretation.Grey16)
            : Image.NewFromMemory(image.Pixels8.ToArray(), image.Width, image.Height, 1, Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Bw);
        return rgb ? gray.Bandjoin(gray, gray).Copy(interpretation: image.Is16Bit ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb) : gray.Copy();
    }
}
