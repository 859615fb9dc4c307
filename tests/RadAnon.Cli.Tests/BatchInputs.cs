using RadAnon.Core.Pixels;
using RadAnon.Core.Tests.Pipeline;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;
using RadAnon.SyntheticData;

namespace RadAnon.Cli.Tests;

/// <summary>
/// Small synthetic batches on disk (448×256, burned-in name and ID, canaries in the header) built from the pipeline
/// tests' <see cref="PipelineInputs"/>: one study of several DICOM files, PNGs, DICOM files of other patients, and
/// broken inputs.
/// </summary>
internal static class BatchInputs
{
    public const string StudyUid = "1.2.3.4.5.6.7.2";

    /// <summary>A synthetic radiograph (its own background and text lines per seed) with the canary name and ID burned in.</summary>
    public static GrayImage Radiograph(int seed)
    {
        var image = RadiographGenerator.Generate(seed, new GeneratorOptions { Width = 448, Height = 256, BitsStored = 8, MinTextLines = 1, MaxTextLines = 1 }).Image;
        PipelineInputs.Burn(image, PipelineInputs.BurnedName, 12, 12, 22);
        PipelineInputs.Burn(image, "ID " + PipelineInputs.PatientId, 12, 52, 20);
        return image;
    }

    /// <summary>A CR object of the canary patient, with this instance's UIDs and (optionally) another patient and study.</summary>
    public static byte[] Dicom(int seed, string sopInstanceUid, string studyUid = StudyUid, string? patientId = null)
    {
        var file = DicomFile.Read(PipelineInputs.Dicom(Radiograph(seed)));
        file.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, sopInstanceUid);
        file.Dataset.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, studyUid);
        file.Dataset.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, studyUid + "." + (seed % 2 + 1));
        if (patientId is not null)
        {
            file.Dataset.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, patientId);
        }

        return new DicomFile(new DicomDataset(), file.Dataset, TransferSyntax.ExplicitVRLittleEndian).ToBytes();
    }

    /// <summary>
    /// OUT/study (8 DICOM instances of one study and patient), OUT/png (8 PNGs), OUT/other (8 DICOM files of other
    /// studies and patients): 24 inputs.
    /// </summary>
    public static string WriteBatch(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "study"));
        Directory.CreateDirectory(Path.Combine(directory, "png"));
        Directory.CreateDirectory(Path.Combine(directory, "other"));
        for (var i = 1; i <= 8; i++)
        {
            File.WriteAllBytes(Path.Combine(directory, "study", $"IM{i:000}.dcm"), Dicom(i, $"{StudyUid}.1.{i}"));
            File.WriteAllBytes(Path.Combine(directory, "png", $"xray{i:00}.png"), PipelineInputs.Raster(Radiograph(100 + i), "png"));
            File.WriteAllBytes(Path.Combine(directory, "other", $"case{i:00}.dcm"), Dicom(200 + i, $"1.2.9.{i}.1", $"1.2.9.{i}", $"55{i:000000}"));
        }

        return directory;
    }

    /// <summary>Two good inputs, a truncated DICOM file, a text file, and a PNG whose output name good.dcm's output already has.</summary>
    public static string WriteMixedWithFailures(string directory)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllBytes(Path.Combine(directory, "good.dcm"), Dicom(1, StudyUid + ".1.1"));
        File.WriteAllBytes(Path.Combine(directory, "photo.png"), PipelineInputs.Raster(Radiograph(2), "png"));
        File.WriteAllBytes(Path.Combine(directory, "good.png"), PipelineInputs.Raster(Radiograph(4), "png"));
        File.WriteAllBytes(Path.Combine(directory, "corrupt.dcm"), PipelineInputs.Dicom(Radiograph(3), truncateBytes: 5000));
        File.WriteAllText(Path.Combine(directory, "notes.txt"), "not an image at all\n");
        return directory;
    }
}
