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
        SyntheticFiles.BurnText(image, BurnedName + " 19700101", 16, 20, 28, backing: false, antialiased: false);
        return image;
    }

    public static byte[] Png(GrayImage image) => SyntheticFiles.Png(image);

    public static byte[] Jpeg(GrayImage image) => SyntheticFiles.Jpeg(image);

    /// <summary>
    /// A CR object with the same image and canaries in name, ID, institution, description and a private tag; every
    /// <paramref name="instance"/> belongs to the same study and series.
    /// </summary>
    public static byte[] Dicom(GrayImage image, int instance = 1)
    {
        const string Root = "1.2.826.0.1.3680043.2.1125.99";
        var header = SyntheticHeaders.ComputedRadiography(Canary, BurnedName + "^ANNA", "ID" + Canary, "CHEST " + Canary, Root);
        header.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, Root + ".1." + instance.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return SyntheticFiles.Dicom(image, header);
    }

    /// <summary>Width and height of a PNG or JPEG.</summary>
    public static (int Width, int Height) Geometry(byte[] encoded)
    {
        using var image = Image.NewFromBuffer(encoded);
        return (image.Width, image.Height);
    }
}
