using System.IO.Compression;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Writing;

/// <summary>
/// Writes Part 10 files: preamble, a regenerated File Meta Information group, then the dataset in the
/// chosen syntax (deflated syntaxes compress everything after the meta group).
/// Documented normalisations: values of odd length gain one padding byte; the meta group is regenerated
/// (only 0002,0000-0003, 0010, 0012 and 0013 are written); elements are written in tag order; short-VR
/// values over 65,534 bytes are written as UN in explicit VR; group lengths present in the input are recomputed.
/// </summary>
public static class DicomWriter
{
    public static void Write(Stream stream, DicomFile file, DicomWriteOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(options);
        var syntax = options.TransferSyntax ?? file.TransferSyntax;
        CheckPixelEncoding(file.Dataset, syntax);

        // Not disposed: that would close the caller's stream. Values of 64 KiB and more (pixel data) pass the buffer
        // and go to the stream straight from their memory (often a slice of the input), never copied here.
        var buffered = new BufferedStream(stream, 1 << 16);
        buffered.Write(new byte[128]);
        buffered.Write("DICM"u8);
        var meta = BuildMeta(file, syntax, options);
        new ElementEncoder(buffered, explicitVR: true, bigEndian: false).WriteDataset(meta);

        if (syntax.Deflated)
        {
            using var deflate = new DeflateStream(buffered, CompressionLevel.Optimal, leaveOpen: true);
            new ElementEncoder(deflate, explicitVR: true, bigEndian: false).WriteDataset(file.Dataset);
        }
        else
        {
            new ElementEncoder(buffered, syntax.ExplicitVR, syntax.BigEndian).WriteDataset(file.Dataset);
        }

        buffered.Flush();
    }

    /// <summary>Writes a bare dataset (no preamble, no meta group) in the given syntax.</summary>
    public static void WriteDataset(Stream stream, DicomDataset dataset, TransferSyntax syntax)
    {
        ArgumentNullException.ThrowIfNull(syntax);
        using var buffered = new BufferedStream(stream, 1 << 16);
        new ElementEncoder(buffered, syntax.ExplicitVR, syntax.BigEndian).WriteDataset(dataset);
    }

    private static void CheckPixelEncoding(DicomDataset dataset, TransferSyntax syntax)
    {
        var pixelData = dataset[DicomTags.PixelData];
        if (pixelData is DicomFragments && !syntax.Encapsulated)
        {
            throw new InvalidOperationException($"pixel data is encapsulated; decode it before writing as {syntax.Name}");
        }

        if (pixelData is DicomValueElement && syntax.Encapsulated)
        {
            throw new InvalidOperationException($"pixel data is native; encode it before writing as {syntax.Name}");
        }
    }

    private static DicomDataset BuildMeta(DicomFile file, TransferSyntax syntax, DicomWriteOptions options)
    {
        var meta = new DicomDataset();
        meta.AddOrReplace(new DicomValueElement(DicomTags.FileMetaInformationVersion, DicomVR.OB, new byte[] { 0, 1 }));
        var sopClass = file.Dataset.GetString(DicomTags.SOPClassUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPClassUID);
        var sopInstance = file.Dataset.GetString(DicomTags.SOPInstanceUID) ?? file.FileMetaInformation.GetString(DicomTags.MediaStorageSOPInstanceUID);
        if (sopClass is not null)
        {
            meta.AddOrUpdate(DicomTags.MediaStorageSOPClassUID, DicomVR.UI, sopClass);
        }

        if (sopInstance is not null)
        {
            meta.AddOrUpdate(DicomTags.MediaStorageSOPInstanceUID, DicomVR.UI, sopInstance);
        }

        meta.AddOrUpdate(DicomTags.TransferSyntaxUID, DicomVR.UI, syntax.Uid);
        meta.AddOrUpdate(DicomTags.ImplementationClassUID, DicomVR.UI, options.ImplementationClassUid);
        meta.AddOrUpdate(DicomTags.ImplementationVersionName, DicomVR.SH, options.ImplementationVersionName);
        // The group length is recomputed by the encoder from the elements that follow it.
        meta.AddOrReplace(new DicomValueElement(DicomTags.FileMetaInformationGroupLength, DicomVR.UL, new byte[4]));
        return meta;
    }
}
