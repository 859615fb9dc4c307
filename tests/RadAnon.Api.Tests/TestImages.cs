using NetVips;
using RadAnon.Core.Pixels;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.SyntheticData;

namespace RadAnon.Api.Tests;

/// <summary>Request bodies built in memory: synthetic radiographs with a canary name burned in and in the header.</summary>
internal static class TestImages
{
    public const string Canary = "ZQCANARYX";

    public static readonly string BurnedName = "NOWAK" + Canary;

    /// <summary>An 8-bit radiograph-like image with the canary name burned in, light on dark, near the top.</summary>
    public static GrayImage Radiograph(int width = 512, int height = 600)
    {
        var image = RadiographGenerator.Generate(11, new GeneratorOptions { Width = width, Height = height, BitsStored = 8, MinTextLines = 1, MaxTextLines = 1 }).Image;
        using var text = Image.Text(BurnedName + " 19700101", font: "DejaVu Sans Bold 28", dpi: 72);
        var mask = text.Cast(Enums.BandFormat.Uchar).WriteToMemory<byte>();
        for (var y = 0; y < text.Height && 20 + y < image.Height; y++)
        {
            for (var x = 0; x < text.Width && 16 + x < image.Width; x++)
            {
                if (mask[(y * text.Width) + x] > 96)
                {
                    image[16 + x, 20 + y] = image.MaxValue;
                }
            }
        }

        return image;
    }

    public static byte[] Png(GrayImage image)
    {
        using var vips = Image.NewFromMemory(image.Pixels8.ToArray(), image.Width, image.Height, 1, Enums.BandFormat.Uchar);
        return vips.PngsaveBuffer();
    }

    public static byte[] Jpeg(GrayImage image)
    {
        using var vips = Image.NewFromMemory(image.Pixels8.ToArray(), image.Width, image.Height, 1, Enums.BandFormat.Uchar);
        return vips.JpegsaveBuffer(q: 95);
    }

    /// <summary>A CR object with the same image and canaries in name, ID, institution, description and a private tag.</summary>
    public static byte[] Dicom(GrayImage image, int instance = 1)
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.1");
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.99.1." + instance);
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.99.2");
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.826.0.1.3680043.2.1125.99.3");
        ds.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CR");
        ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, BurnedName + "^ANNA");
        ds.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "ID" + Canary);
        ds.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, "19700101");
        ds.AddOrUpdate(DicomTags.InstitutionName, DicomVR.LO, "Hospital " + Canary);
        ds.AddOrUpdate(DicomTags.StudyDescription, DicomVR.LO, "CHEST " + Canary);
        ds.AddOrUpdate(DicomTags.BurnedInAnnotation, DicomVR.CS, "YES");
        ds.AddOrUpdate(new DicomTag(0x0011, 0x0010), DicomVR.LO, "ACME");
        ds.AddOrUpdate(new DicomTag(0x0011, 0x1001), DicomVR.LO, "private " + Canary);
        ds.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)image.Height);
        ds.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)image.Width);
        ds.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)8);
        ds.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)8);
        ds.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)7);
        ds.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        ds.AddOrReplace(new DicomValueElement(DicomTags.PixelData, DicomVR.OB, image.Pixels8.ToArray()));
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVRLittleEndian).ToBytes();
    }

    /// <summary>Width and height of a PNG or JPEG.</summary>
    public static (int Width, int Height) Geometry(byte[] encoded)
    {
        using var image = Image.NewFromBuffer(encoded);
        return (image.Width, image.Height);
    }
}
