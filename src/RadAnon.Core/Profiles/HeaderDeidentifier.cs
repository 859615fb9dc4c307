using RadAnon.Core.Provenance;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Profiles;

/// <summary>
/// The one entry point for header de-identification by PS3.15 Table E.1-1: applies a profile to a dataset
/// in place, at every sequence depth, and writes DICOM-native provenance. It never touches pixel data; a
/// caller that cleans pixels reports it with <see cref="RecordPixelCleaning"/>.
/// </summary>
public static class HeaderDeidentifier
{
    public const string DicomDirSopClassUid = "1.2.840.10008.1.3.10";

    public const string PixelsNotCleanedWarning =
        "pixel data was not cleaned: BurnedInAnnotation left as it was and burned-in text may remain";

    /// <summary>De-identifies the header of <paramref name="dataset"/> in place and returns a PHI-free report.</summary>
    /// <exception cref="DeidentificationRefusedException">The object cannot be de-identified under this profile.</exception>
    public static HeaderReport Apply(DicomDataset dataset, DeidentificationProfile profile, PseudonymKey key, SafePrivateList? safePrivate = null)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(key);
        if (dataset.Contains(DicomTags.DirectoryRecordSequence) || dataset.GetString(DicomTags.SOPClassUID) == DicomDirSopClassUid)
        {
            throw new DeidentificationRefusedException("dicomdir",
                "DICOMDIR files index other files and are not de-identified; anonymize the referenced files and rebuild the DICOMDIR");
        }

        var report = new HeaderReport(profile, key);
        var run = new DeidentificationRun(dataset, profile, key, safePrivate ?? SafePrivateList.Default, report);
        run.Process(dataset, string.Empty, TextMode.AsIs, topLevel: true);
        WriteProvenance(dataset, profile, report);
        if (dataset.Contains(DicomTags.PixelData) || dataset.Contains(DicomTags.FloatPixelData) || dataset.Contains(DicomTags.DoubleFloatPixelData))
        {
            report.AddWarning(PixelsNotCleanedWarning);
        }

        return report;
    }

    /// <summary>
    /// Called by the pixel pipeline after it cleaned and verified the pixels: sets BurnedInAnnotation to NO and adds
    /// the Clean Pixel Data (and, when done, Clean Recognizable Visual Features) codes to the provenance.
    /// </summary>
    public static void RecordPixelCleaning(DicomDataset dataset, HeaderReport report, bool recognizableVisualFeaturesCleaned = false)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(report);
        dataset.AddOrUpdate(DicomTags.BurnedInAnnotation, DicomVR.CS, "NO");
        if (recognizableVisualFeaturesCleaned)
        {
            dataset.AddOrUpdate(DicomTags.RecognizableVisualFeatures, DicomVR.CS, "NO");
        }

        var applied = report.Codes.Skip(1).Aggregate(ProfileOption.CleanPixelData, (acc, c) => acc | DeidentificationCodes.Options.First(o => o.Code == c).Option);
        if (recognizableVisualFeaturesCleaned)
        {
            applied |= ProfileOption.CleanRecognizableVisualFeatures;
        }

        report.SetCodes(DeidentificationCodes.For(applied));
        report.PixelsCleaned = true;
        report.RemoveWarning(PixelsNotCleanedWarning);
        WriteCodeSequence(dataset, report.Codes);
    }

    /// <summary>Options whose codes the header alone can claim; pixel options wait for <see cref="RecordPixelCleaning"/>.</summary>
    internal static ProfileOption HeaderOptions(ProfileOption options) =>
        options & ~(ProfileOption.CleanPixelData | ProfileOption.CleanRecognizableVisualFeatures);

    private static void WriteProvenance(DicomDataset dataset, DeidentificationProfile profile, HeaderReport report)
    {
        dataset.AddOrUpdate(DicomTags.PatientIdentityRemoved, DicomVR.CS, "YES");
        var method = $"RadAnon {report.SoftwareVersion}; PS3.15 {report.StandardEdition}; profile {profile.Name}";
        dataset.AddOrUpdate(DicomTags.DeidentificationMethod, DicomVR.LO, method.Length > 64 ? method[..64] : method);
        report.SetCodes(DeidentificationCodes.For(HeaderOptions(profile.Options)));
        WriteCodeSequence(dataset, report.Codes);
        report.LongitudinalTemporalInformation = profile.Has(ProfileOption.RetainLongitudinalFullDates) ? "UNMODIFIED"
            : profile.Has(ProfileOption.RetainLongitudinalModifiedDates) ? "MODIFIED"
            : "REMOVED";
        dataset.AddOrUpdate(DicomTags.LongitudinalTemporalInformationModified, DicomVR.CS, report.LongitudinalTemporalInformation);
    }

    private static void WriteCodeSequence(DicomDataset dataset, IReadOnlyList<CodedEntry> codes)
    {
        var sequence = new DicomSequence(DicomTags.DeidentificationMethodCodeSequence);
        foreach (var code in codes)
        {
            var item = new DicomDataset();
            sequence.Add(item);
            item.AddOrUpdate(DicomTags.CodeValue, DicomVR.SH, code.Value);
            item.AddOrUpdate(DicomTags.CodingSchemeDesignator, DicomVR.SH, code.Scheme);
            item.AddOrUpdate(DicomTags.CodeMeaning, DicomVR.LO, code.Meaning);
        }

        dataset.AddOrReplace(sequence);
    }
}

/// <summary>How text that the table keeps is treated inside a sequence: as is, dummied (under D) or cleaned (under C).</summary>
internal enum TextMode
{
    AsIs,
    Dummy,
    Clean,
}
