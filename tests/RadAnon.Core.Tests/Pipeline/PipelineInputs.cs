using NetVips;
using RadAnon.Core.Pixels;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.SyntheticData;

namespace RadAnon.Core.Tests.Pipeline;

/// <summary>Inputs with canaries in the header and a burned-in name in the pixels, built in memory.</summary>
internal static class PipelineInputs
{
    public const string Canary = "CANARYQX";

    /// <summary>The burned-in text: a header value (the patient's family name) and an ID.</summary>
    public const string Family = "KOWALSKI" + Canary;

    public const string BurnedName = Family + " JOHN";

    public const string PatientId = "99812377";

    /// <summary>A synthetic radiograph background (no text) with the name and ID burned in, light on dark, top left.</summary>
    public static GrayImage Radiograph(int bits, int width = 640, int height = 720)
    {
        var image = RadiographGenerator.Generate(7, new GeneratorOptions { Width = width, Height = height, BitsStored = bits, MinTextLines = 2, MaxTextLines = 2 }).Image;
        Burn(image, BurnedName, 24, 20, 30);
        Burn(image, "ID " + PatientId, 24, 70, 26);
        return image;
    }

    public static void Burn(GrayImage image, string text, int x, int y, int size)
    {
        using var rendered = Image.Text(text, font: $"DejaVu Sans Bold {size}", dpi: 72);
        var mask = rendered.Cast(Enums.BandFormat.Uchar).WriteToMemory<byte>();
        // A dark backing box, as scanners print their annotations, so the light text contrasts wherever it lands.
        for (var yy = -6; yy < rendered.Height + 6; yy++)
        {
            for (var xx = -6; xx < rendered.Width + 6; xx++)
            {
                if (x + xx >= 0 && y + yy >= 0 && x + xx < image.Width && y + yy < image.Height)
                {
                    image[x + xx, y + yy] = image.MaxValue / 20;
                }
            }
        }

        for (var yy = 0; yy < rendered.Height && y + yy < image.Height; yy++)
        {
            for (var xx = 0; xx < rendered.Width && x + xx < image.Width; xx++)
            {
                var a = mask[(yy * rendered.Width) + xx] / 255.0;
                if (a > 0)
                {
                    image[x + xx, y + yy] = (int)Math.Round((image[x + xx, y + yy] * (1 - a)) + (image.MaxValue * a));
                }
            }
        }
    }

    /// <summary>A CR object (MONOCHROME2, 16 bits allocated) holding <paramref name="frames"/> copies of the image.</summary>
    public static byte[] Dicom(GrayImage image, int frames = 1, int truncateBytes = 0, string photometric = "MONOCHROME2")
    {
        var ds = Header();
        ds.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, photometric);
        ds.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)image.Height);
        ds.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)image.Width);
        ds.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
        ds.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)image.BitsStored);
        ds.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)(image.BitsStored - 1));
        ds.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        if (frames > 1)
        {
            ds.AddOrUpdate(DicomTags.NumberOfFrames, DicomVR.IS, frames.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var one = new byte[image.Width * image.Height * 2];
        for (var i = 0; i < image.Width * image.Height; i++)
        {
            var v = image[i % image.Width, i / image.Width];
            one[2 * i] = (byte)v;
            one[(2 * i) + 1] = (byte)(v >> 8);
        }

        var all = Enumerable.Range(0, frames).SelectMany(_ => one).ToArray();
        ds.AddOrReplace(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, all.AsMemory(0, all.Length - truncateBytes).ToArray()));
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVRLittleEndian).ToBytes();
    }

    /// <summary>A CR header seeded with canaries; the name and ID are the ones burned into the pixels.</summary>
    public static DicomDataset Header()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.1");
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4.5.6.7.1");
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3.4.5.6.7.2");
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3.4.5.6.7.3");
        ds.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "20240315");
        ds.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "101500");
        ds.AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, "ACC" + Canary);
        ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, Family + "^JOHN");
        ds.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, PatientId);
        ds.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, "19700101");
        ds.AddOrUpdate(DicomTags.PatientSex, DicomVR.CS, "F");
        ds.AddOrUpdate(DicomTags.InstitutionName, DicomVR.LO, "St " + Canary + " Hospital");
        ds.AddOrUpdate(DicomTags.StudyDescription, DicomVR.LO, "CHEST PA " + Family); // kept under Clean Descriptors, minus the name
        ds.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CR");
        ds.AddOrUpdate(DicomTags.BurnedInAnnotation, DicomVR.CS, "YES");
        ds.AddOrUpdate(DicomTags.PatientComments, DicomVR.LT, "comment " + Canary);
        ds.AddOrUpdate(new DicomTag(0x0009, 0x0010), DicomVR.LO, "ACME PRIVATE");
        ds.AddOrUpdate(new DicomTag(0x0009, 0x1001), DicomVR.LO, "private " + Canary);
        return ds;
    }

    /// <summary>PNG (8 or 16-bit gray, or RGB) or JPEG of the image, with a canary in a text chunk / comment.</summary>
    public static byte[] Raster(GrayImage image, string format, bool rgb = false)
    {
        using var gray = image.Is16Bit
            ? Image.NewFromMemory(image.Pixels16.ToArray(), image.Width, image.Height, 1, Enums.BandFormat.Ushort).Copy(interpretation: Enums.Interpretation.Grey16)
            : Image.NewFromMemory(image.Pixels8.ToArray(), image.Width, image.Height, 1, Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Bw);
        using var banded = rgb ? gray.Bandjoin(gray, gray).Copy(interpretation: image.Is16Bit ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb) : gray.Copy();
        using var tagged = banded.Copy();
        if (format == "png")
        {
            using var commented = tagged.Mutate(m => m.Set(GValue.GStrType, "png-comment-0-Author", "Dr " + Canary));
            return commented.PngsaveBuffer(keep: Enums.ForeignKeep.All);
        }

        using var eight = image.Is16Bit ? tagged.Linear([1.0 / 257], [0.0]).Cast(Enums.BandFormat.Uchar) : tagged.Copy();
        using var withComment = eight.Mutate(m => m.Set(GValue.GStrType, "jpeg-comment", "Patient " + Canary));
        return withComment.JpegsaveBuffer(q: 95, keep: Enums.ForeignKeep.All);
    }
}
