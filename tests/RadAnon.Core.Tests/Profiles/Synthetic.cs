using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Tests.Profiles;

/// <summary>Builds small datasets seeded with canary strings, so any leak of an original value is findable.</summary>
internal static class Synthetic
{
    public const string CrImageStorage = "1.2.840.10008.5.1.4.1.1.1";
    public const string Canary = "CANARYQX";

    public static DicomDataset CrImage(string patientId = "PID" + Canary + "1")
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, CrImageStorage);
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4.5.6.7.1");
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3.4.5.6.7.2");
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3.4.5.6.7.3");
        ds.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "20240315");
        ds.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "101500");
        ds.AddOrUpdate(DicomTags.SeriesDate, DicomVR.DA, "20240315");
        ds.AddOrUpdate(DicomTags.AcquisitionDateTime, DicomVR.DT, "20240315101733.25");
        ds.AddOrUpdate(DicomTags.ContentDate, DicomVR.DA, "20240316");
        ds.AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, "ACC" + Canary);
        ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "Smith" + Canary + "^John");
        ds.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, patientId);
        ds.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, "19700101");
        ds.AddOrUpdate(DicomTags.PatientSex, DicomVR.CS, "F");
        ds.AddOrUpdate(DicomTags.PatientAge, DicomVR.AS, "047Y");
        ds.AddOrUpdate(DicomTags.PatientWeight, DicomVR.DS, "61.5");
        ds.AddOrUpdate(DicomTags.InstitutionName, DicomVR.LO, "St " + Canary + " Hospital");
        ds.AddOrUpdate(DicomTags.InstitutionAddress, DicomVR.ST, "1 Canary Road " + Canary);
        ds.AddOrUpdate(DicomTags.DeviceSerialNumber, DicomVR.LO, "SN" + Canary);
        ds.AddOrUpdate(DicomTags.StationName, DicomVR.SH, "ST" + Canary);
        ds.AddOrUpdate(DicomTags.StationAETitle, DicomVR.AE, "AE" + Canary);
        ds.AddOrUpdate(DicomTags.StudyDescription, DicomVR.LO, "CHEST PA Smith" + Canary + " 20240315");
        ds.AddOrUpdate(DicomTags.SeriesDescription, DicomVR.LO, "PA view");
        ds.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CR");
        ds.AddOrUpdate(DicomTags.Manufacturer, DicomVR.LO, "Acme");
        ds.AddOrUpdate(DicomTags.FrameOfReferenceUID, DicomVR.UI, "1.2.3.4.5.6.7.4");
        ds.AddOrUpdate(DicomTags.Rows, DicomVR.US, 2);
        ds.AddOrUpdate(DicomTags.Columns, DicomVR.US, 2);
        ds.AddOrUpdate(DicomTags.PatientComments, DicomVR.LT, "comment " + Canary);

        // Private block with a creator, and an overlay group, and a curve.
        ds.AddOrUpdate(new DicomTag(0x0009, 0x0010), DicomVR.LO, "ACME PRIVATE");
        ds.AddOrUpdate(new DicomTag(0x0009, 0x1001), DicomVR.LO, "private " + Canary);
        ds.AddOrUpdate(new DicomTag(0x6000, 0x0010), DicomVR.US, 2);
        ds.AddOrUpdate(new DicomTag(0x6000, 0x0011), DicomVR.US, 2);
        ds.AddOrReplace(new DicomValueElement(new DicomTag(0x6000, 0x3000), DicomVR.OW, new byte[2]));
        ds.AddOrUpdate(new DicomTag(0x6000, 0x4000), DicomVR.LT, "overlay " + Canary);
        ds.AddOrReplace(new DicomValueElement(new DicomTag(0x5000, 0x3000), DicomVR.OW, new byte[4]));
        return ds;
    }

    /// <summary>Nests the item under <paramref name="depth"/> levels of Referenced Series/Image sequences, Referenced Series outermost.</summary>
    public static DicomDataset Nest(DicomDataset innermost, int depth)
    {
        var current = innermost;
        for (var i = 0; i < depth; i++)
        {
            var parent = new DicomDataset();
            parent.AddOrReplace(new DicomSequence((depth - 1 - i) % 2 == 0 ? DicomTags.ReferencedSeriesSequence : DicomTags.ReferencedImageSequence, [current]));
            current = parent;
        }

        return current;
    }

    public static byte[] Bytes(DicomDataset ds) => new DicomFile(new DicomDataset(), ds, TransferSyntax.ExplicitVRLittleEndian).ToBytes();
}
