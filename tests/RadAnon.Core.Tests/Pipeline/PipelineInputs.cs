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

    public static void Burn(GrayImage image, string text, int x, int y, int size) => SyntheticFiles.BurnText(image, text, x, y, size);

    /// <summary>A CR object (MONOCHROME2, 16 bits allocated) holding <paramref name="frames"/> copies of the image.</summary>
    public static byte[] Dicom(GrayImage image, int frames = 1, int truncateBytes = 0, string photometric = "MONOCHROME2") =>
        SyntheticFiles.Dicom(image, Header(), frames, truncateBytes, photometric, bitsAllocated: 16);

    /// <summary>A CR header seeded with canaries; the name and ID are the ones burned into the pixels.</summary>
    public static DicomDataset Header() => SyntheticHeaders.ComputedRadiography(Canary, Family + "^JOHN", PatientId, "CHEST PA " + Family);

    /// <summary>PNG (8 or 16-bit gray, or RGB) or JPEG of the image, with a canary in a text chunk / comment.</summary>
    public static byte[] Raster(GrayImage image, string format, bool rgb = false) => format == "png"
        ? SyntheticFiles.Png(image, rgb, author: "Dr " + Canary)
        : SyntheticFiles.Jpeg(image, rgb, comment: "Patient " + Canary);
}
