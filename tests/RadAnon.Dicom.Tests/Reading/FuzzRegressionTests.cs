using System.Text;
using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Tests.Reading;

/// <summary>Inputs the fuzzer found that the reader accepted but the writer could not write back.</summary>
public sealed class FuzzRegressionTests
{
    [Fact]
    public void Read_NativePixelDataUnderAnEncapsulatedSyntax_IsRejected()
    {
        var native = Build(new DicomValueElement(DicomTags.PixelData, DicomVR.OB, new byte[16]), TransferSyntax.ExplicitVRLittleEndian);

        var mislabelled = Relabel(native, TransferSyntax.ExplicitVRLittleEndian.Uid, "1.2.840.10008.1.2.5");

        var ex = Assert.Throws<InvalidDicomException>(() => DicomFile.Read(mislabelled));
        Assert.Contains("encapsulated", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FragmentsUnderANativeSyntax_IsRejected()
    {
        var rle = TransferSyntax.Lookup("1.2.840.10008.1.2.5");
        var encapsulated = Build(new DicomFragments(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, [new byte[16]]), rle);

        var mislabelled = Relabel(encapsulated, rle.Uid, TransferSyntax.ExplicitVRLittleEndian.Uid);

        var ex = Assert.Throws<InvalidDicomException>(() => DicomFile.Read(mislabelled));
        Assert.Contains("native", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Found while writing the codec targets: an encapsulated frame's buffer was allocated from Rows x Columns alone,
    /// so a 65535x65535 header made PixelDataDecoder throw OutOfMemoryException instead of refusing the file.
    /// </summary>
    [Fact]
    public void DecodeFrame_EncapsulatedFrameLargerThanOneBuffer_IsUnsupported()
    {
        var rle = TransferSyntax.Lookup(TransferSyntax.RleLosslessUid);
        var bytes = Build(new DicomFragments(DicomTags.PixelData, DicomVR.OB, ReadOnlyMemory<byte>.Empty, [new byte[64]]), rle, dataset =>
        {
            dataset.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)65535);
            dataset.AddOrUpdate(DicomTags.Columns, DicomVR.US, (ushort)65535);
            dataset.AddOrUpdate(DicomTags.BitsAllocated, DicomVR.US, (ushort)16);
            dataset.AddOrUpdate(DicomTags.BitsStored, DicomVR.US, (ushort)16);
            dataset.AddOrUpdate(DicomTags.HighBit, DicomVR.US, (ushort)15);
        });
        using var file = DicomFile.Read(bytes);

        var ex = Assert.Throws<UnsupportedPixelDataException>(() => new Pixels.PixelDataDecoder(file).DecodeFrame(0));

        Assert.Contains("more than one buffer holds", ex.Message, StringComparison.Ordinal);
    }

    private static byte[] Build(DicomElement pixelData, TransferSyntax syntax, Action<DicomDataset>? describe = null)
    {
        var ds = new DicomDataset();
        describe?.Invoke(ds);
        ds.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.4");
        ds.AddOrReplace(pixelData);
        return new DicomFile(new DicomDataset(), ds, syntax).ToBytes();
    }

    /// <summary>Swaps the meta header's transfer syntax UID for another of the same length.</summary>
    private static byte[] Relabel(byte[] file, string from, string to)
    {
        Assert.Equal(from.Length, to.Length);
        var text = Encoding.Latin1.GetString(file);
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at > 0);
        Encoding.ASCII.GetBytes(to).CopyTo(file, at);
        return file;
    }
}
