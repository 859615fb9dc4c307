using System.Security.Cryptography;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Dicom;

namespace RadAnon.Core;

/// <summary>
/// The pipeline entry point hosts call: reads a DICOM object, de-identifies its header by the profile,
/// writes it back with a consistent file meta header, and returns the bytes with the provenance report.
/// Until pixel cleaning lands, a profile with Clean Pixel Data fails closed on objects that have pixels.
/// </summary>
public sealed class Anonymizer
{
    private readonly ProfileConfiguration _configuration;

    public Anonymizer(ProfileConfiguration? configuration = null)
    {
        _configuration = configuration ?? ProfileConfiguration.Default;
    }

    public AnonymizedDicom AnonymizeDicom(ReadOnlyMemory<byte> input, DeidentificationProfile profile, PseudonymKey key)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(key);
        using var file = DicomFile.Read(input);
        if (file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID) == HeaderDeidentifier.DicomDirSopClassUid)
        {
            throw new DeidentificationRefusedException("dicomdir",
                "DICOMDIR files index other files and are not de-identified; anonymize the referenced files and rebuild the DICOMDIR");
        }

        var hasPixels = file.Dataset.Contains(DicomTags.PixelData) || file.Dataset.Contains(DicomTags.FloatPixelData)
            || file.Dataset.Contains(DicomTags.DoubleFloatPixelData);
        if (hasPixels && (profile.Has(ProfileOption.CleanPixelData) || profile.Has(ProfileOption.CleanRecognizableVisualFeatures)))
        {
            throw new DeidentificationRefusedException("pixels-not-cleaned",
                $"profile '{profile.Name}' requires Clean Pixel Data, and pixel cleaning (burned-in text) is not available yet; "
                + "the object was refused rather than emitted with uncleaned pixels (use --profile basic or research for header-only work)");
        }

        // An empty SOP Instance UID beside a meta header that has one: adopt the meta's, so both map to the same pseudonym.
        if (string.IsNullOrEmpty(file.Dataset.GetString(DicomTags.SOPInstanceUID))
            && file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID) is { Length: > 0 } metaUid)
        {
            file.Dataset.AddOrUpdate(DicomTags.SOPInstanceUID, Dicom.Data.DicomVR.UI, metaUid);
        }

        var report = HeaderDeidentifier.Apply(file.Dataset, profile, key, _configuration.SafePrivate);
        var output = file.ToBytes();
        report.InputSha256 = Convert.ToHexStringLower(SHA256.HashData(input.Span));
        report.OutputSha256 = Convert.ToHexStringLower(SHA256.HashData(output));
        return new AnonymizedDicom(output, report);
    }
}

/// <summary>A de-identified Part 10 object and its provenance report.</summary>
public sealed record AnonymizedDicom(byte[] Output, HeaderReport Report);
