using System.Globalization;
using System.Runtime.InteropServices;
using NetVips;
using RadAnon.Core.Pixels;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.SyntheticData;

/// <summary>
/// The load test's image set (bench/load/run.sh): seeded synthetic radiographs, alternately an 8-bit PNG and a 12-bit
/// CR DICOM with a synthetic name, ID, birth date and institution in its header. Same seed, same files.
/// </summary>
public static class LoadSet
{
    public static int Write(string directory, int count, int seed, int width, int height)
    {
        Directory.CreateDirectory(directory);
        for (var i = 0; i < count; i++)
        {
            var dicom = i % 2 == 1;
            var c = RadiographGenerator.Generate(seed + i, new GeneratorOptions { Width = width, Height = height, BitsStored = dicom ? 12 : 8, MinTextLines = 2, MaxTextLines = 4 });
            var name = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"load_{seed + i:D4}{(dicom ? ".dcm" : ".png")}"));
            if (dicom)
            {
                File.WriteAllBytes(name, Dicom(c.Image, seed + i));
            }
            else
            {
                using var png = Image.NewFromMemory(c.Image.Pixels8.ToArray(), c.Image.Width, c.Image.Height, 1, Enums.BandFormat.Uchar);
                png.WriteToFile(name);
            }
        }

        Console.WriteLine($"wrote {count} images ({(count + 1) / 2} PNG, {count / 2} DICOM, {width}x{height}) to {directory}");
        return 0;
    }

    private static byte[] Dicom(GrayImage image, int seed)
    {
        var uid = string.Create(CultureInfo.InvariantCulture, $"1.2.826.0.1.3680043.2.1125.77.{seed}");
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.1");
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, uid + ".1");
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, uid + ".2");
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, uid + ".3");
        ds.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CR");
        ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, string.Create(CultureInfo.InvariantCulture, $"SYNTHETIC^PATIENT{seed}"));
        ds.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, string.Create(CultureInfo.InvariantCulture, $"SYN{seed:D6}"));
        ds.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, "19700101");
        ds.AddOrUpdate(DicomTags.InstitutionName, DicomVR.LO, "Synthetic General Hospital");
        ds.AddOrUpdate(DicomTags.SamplesPerPixel, DicomVR.US, (ushort)1);
        ds.AddOrUpdate(DicomTags.PhotometricInterpretation, DicomVR.CS, "MONOCHROME2");
        ds.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)image.Height);
        ds.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)image.Width);
        ds.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
        ds.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)image.BitsStored);
        ds.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)(image.BitsStored - 1));
        ds.AddOrUpdate(DicomTags.PixelRepresentation, DicomVR.US, (ushort)0);
        ds.AddOrReplace(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, MemoryMarshal.AsBytes(image.Pixels16).ToArray()));
        return new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVRLittleEndian).ToBytes();
    }
}
