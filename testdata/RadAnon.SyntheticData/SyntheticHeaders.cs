using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.SyntheticData;

/// <summary>DICOM headers seeded with canaries, so a leak of any original value can be searched for in outputs, reports and logs.</summary>
public static class SyntheticHeaders
{
    /// <summary>
    /// A CR image header (no image module): the patient's name and ID as given, the canary in accession number,
    /// institution, comments and a private element, and BurnedInAnnotation YES.
    /// </summary>
    public static DicomDataset ComputedRadiography(
        string canary, string patientName, string patientId, string studyDescription = "CHEST PA", string uidRoot = "1.2.3.4.5.6.7")
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.1");
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, uidRoot + ".1");
        ds.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, uidRoot + ".2");
        ds.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, uidRoot + ".3");
        ds.AddOrUpdate(DicomTags.StudyDate, DicomVR.DA, "20240315");
        ds.AddOrUpdate(DicomTags.StudyTime, DicomVR.TM, "101500");
        ds.AddOrUpdate(DicomTags.AccessionNumber, DicomVR.SH, "ACC" + canary);
        ds.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, patientName);
        ds.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, patientId);
        ds.AddOrUpdate(DicomTags.PatientBirthDate, DicomVR.DA, "19700101");
        ds.AddOrUpdate(DicomTags.PatientSex, DicomVR.CS, "F");
        ds.AddOrUpdate(DicomTags.InstitutionName, DicomVR.LO, "St " + canary + " Hospital");
        ds.AddOrUpdate(DicomTags.StudyDescription, DicomVR.LO, studyDescription);
        ds.AddOrUpdate(DicomTags.Modality, DicomVR.CS, "CR");
        ds.AddOrUpdate(DicomTags.BurnedInAnnotation, DicomVR.CS, "YES");
        ds.AddOrUpdate(DicomTags.PatientComments, DicomVR.LT, "comment " + canary);
        ds.AddOrUpdate(new DicomTag(0x0009, 0x0010), DicomVR.LO, "ACME PRIVATE");
        ds.AddOrUpdate(new DicomTag(0x0009, 0x1001), DicomVR.LO, "private " + canary);
        return ds;
    }
}
