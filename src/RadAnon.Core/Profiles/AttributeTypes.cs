using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Profiles;

/// <summary>
/// The type (1, 2 or 3) of the attributes that Table E.1-1 gives combined actions (X/Z, Z/D, X/D, X/Z/D,
/// X/Z/U*), in the top-level dataset of the IODs we know, from the PS3.3 module tables. Inside sequence
/// items, and for IODs not listed, the type is unknown and the combined action takes its safe choice.
/// </summary>
internal static class AttributeTypes
{
    /// <summary>Modules every composite IOD has: Patient, General Study, General Series, SOP Common, Request Attributes.</summary>
    private static readonly Dictionary<DicomTag, int> Common = new()
    {
        [DicomTags.PatientID] = 2,
        [DicomTags.InstanceCreationDate] = 3,
        [DicomTags.InstanceCreationTime] = 3,
        [DicomTags.SeriesDate] = 3,
        [DicomTags.SeriesTime] = 3,
        [DicomTags.OperatorsName] = 3,
        [DicomTags.OperatorIdentificationSequence] = 3,
        [DicomTags.ProtocolName] = 3,
        [DicomTags.ReferencedStudySequence] = 3,
        [DicomTags.ReferencedPerformedProcedureStepSequence] = 3,
        [DicomTags.RequestedProcedureDescription] = 3,
        [DicomTags.StationName] = 3,
        [DicomTags.InstitutionCodeSequence] = 3,
    };

    /// <summary>General Equipment (not the Enhanced General Equipment module, where serial number is type 1).</summary>
    private static readonly Dictionary<DicomTag, int> GeneralEquipment = new()
    {
        [DicomTags.DeviceSerialNumber] = 3,
        [DicomTags.InstitutionName] = 3,
    };

    /// <summary>Single-frame-style image IODs: General Image, General Acquisition, Contrast/Bolus, DX Detector.</summary>
    private static readonly Dictionary<DicomTag, int> ClassicImage = new()
    {
        [DicomTags.AcquisitionDate] = 3,
        [DicomTags.AcquisitionTime] = 3,
        [DicomTags.AcquisitionDateTime] = 3,
        [DicomTags.ContentDate] = 2,
        [DicomTags.ContentTime] = 2,
        [DicomTags.ReferencedImageSequence] = 3,
        [DicomTags.SourceImageSequence] = 3,
        [DicomTags.ContrastBolusAgent] = 2,
        [DicomTags.DetectorID] = 3,
        [DicomTags.DateOfLastDetectorCalibration] = 3,
        [DicomTags.TimeOfLastDetectorCalibration] = 3,
        [DicomTags.AcquisitionDeviceProcessingDescription] = 3,
    };

    /// <summary>SR Document General module: content date and time are type 1.</summary>
    private static readonly Dictionary<DicomTag, int> StructuredReport = new()
    {
        [DicomTags.ContentDate] = 1,
        [DicomTags.ContentTime] = 1,
        [DicomTags.ReferencedPerformedProcedureStepSequence] = 2,
    };

    /// <summary>PET Series (dates type 1) and PET Image (acquisition date and time type 2) modules.</summary>
    private static readonly Dictionary<DicomTag, int> Pet = new()
    {
        [DicomTags.SeriesDate] = 1,
        [DicomTags.SeriesTime] = 1,
        [DicomTags.AcquisitionDate] = 2,
        [DicomTags.AcquisitionTime] = 2,
    };

    /// <summary>Presentation State Identification module.</summary>
    private static readonly Dictionary<DicomTag, int> PresentationState = new()
    {
        [DicomTags.ContentCreatorName] = 2,
    };

    /// <summary>SOP classes whose IOD is a classic (not enhanced multi-frame) image.</summary>
    private static readonly HashSet<string> ClassicImageClasses = new(StringComparer.Ordinal)
    {
        "1.2.840.10008.5.1.4.1.1.1",       // CR
        "1.2.840.10008.5.1.4.1.1.1.1",     // DX for presentation
        "1.2.840.10008.5.1.4.1.1.1.1.1",   // DX for processing
        "1.2.840.10008.5.1.4.1.1.1.2",     // MG for presentation
        "1.2.840.10008.5.1.4.1.1.1.2.1",   // MG for processing
        "1.2.840.10008.5.1.4.1.1.1.3",     // IO for presentation
        "1.2.840.10008.5.1.4.1.1.1.3.1",   // IO for processing
        "1.2.840.10008.5.1.4.1.1.2",       // CT
        "1.2.840.10008.5.1.4.1.1.4",       // MR
        "1.2.840.10008.5.1.4.1.1.6.1",     // US
        "1.2.840.10008.5.1.4.1.1.3.1",     // US multi-frame
        "1.2.840.10008.5.1.4.1.1.7",       // SC
        "1.2.840.10008.5.1.4.1.1.7.1",     // SC multi-frame single bit
        "1.2.840.10008.5.1.4.1.1.7.2",     // SC multi-frame grayscale byte
        "1.2.840.10008.5.1.4.1.1.7.3",     // SC multi-frame grayscale word
        "1.2.840.10008.5.1.4.1.1.7.4",     // SC multi-frame true colour
        "1.2.840.10008.5.1.4.1.1.12.1",    // XA
        "1.2.840.10008.5.1.4.1.1.12.2",    // RF
        "1.2.840.10008.5.1.4.1.1.20",      // NM
        "1.2.840.10008.5.1.4.1.1.128",     // PET
        "1.2.840.10008.5.1.4.1.1.481.1",   // RT Image
    };

    /// <summary>The attribute's type at the top level of an object of this SOP class, or null when unknown.</summary>
    public static int? TopLevelType(string? sopClassUid, DicomTag tag)
    {
        if (sopClassUid is null)
        {
            return null;
        }

        if (sopClassUid == "1.2.840.10008.5.1.4.1.1.128" && Pet.TryGetValue(tag, out var type))
        {
            return type;
        }

        // RT Series module: Operators' Name is type 2.
        if (tag == DicomTags.OperatorsName && sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.481.", StringComparison.Ordinal) && sopClassUid != "1.2.840.10008.5.1.4.1.1.481.1")
        {
            return 2;
        }

        var isSr = sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.88.", StringComparison.Ordinal);
        if (isSr && StructuredReport.TryGetValue(tag, out type))
        {
            return type;
        }

        if (Common.TryGetValue(tag, out type))
        {
            return type;
        }

        var isPr = sopClassUid.StartsWith("1.2.840.10008.5.1.4.1.1.11.", StringComparison.Ordinal);
        var isClassic = ClassicImageClasses.Contains(sopClassUid);
        if ((isSr || isPr || isClassic) && GeneralEquipment.TryGetValue(tag, out type))
        {
            return type;
        }

        var table = isClassic ? ClassicImage : isSr ? StructuredReport : isPr ? PresentationState : null;
        return table is not null && table.TryGetValue(tag, out type) ? type : null;
    }
}
