using RadAnon.Dicom.Data;

namespace RadAnon.Dicom.Tests.Data;

public sealed class DicomDatasetTests
{
    [Fact]
    public void Get_StringAndNumbers_ConvertFromTextAndBinaryVRs()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.PatientName, "DOE^JOHN");
        ds.AddOrUpdate(DicomTags.WindowCenter, DicomVR.DS, "40\\400");
        ds.AddOrUpdate(DicomTags.Rows, DicomVR.US, (ushort)512);
        ds.AddOrUpdate(DicomTags.InstanceNumber, DicomVR.IS, " 7");

        Assert.Equal("DOE^JOHN", ds.Get<string>(DicomTags.PatientName));
        Assert.Equal(400.0, ds.Get<double>(DicomTags.WindowCenter, 1));
        Assert.Equal(512, ds.Get<int>(DicomTags.Rows));
        Assert.Equal(7, ds.Get<int>(DicomTags.InstanceNumber));
        Assert.Equal(["40", "400"], ds.GetStrings(DicomTags.WindowCenter));
    }

    [Fact]
    public void TryGet_MissingOrUnconvertible_ReturnsFalseAndGetOrDefaultFallsBack()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.PatientID, "ABC");
        Assert.False(ds.TryGet<int>(DicomTags.Rows, out _));
        Assert.False(ds.TryGet<int>(DicomTags.PatientID, out _));
        Assert.Equal(-1, ds.GetOrDefault(DicomTags.Rows, -1));
        Assert.Throws<KeyNotFoundException>(() => ds.Get<int>(DicomTags.Rows));
    }

    [Fact]
    public void AddOrUpdate_OddLengthText_IsPaddedPerVR()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3");
        ds.AddOrUpdate(DicomTags.PatientID, DicomVR.LO, "ABC");
        var uid = (DicomValueElement)ds[DicomTags.SOPInstanceUID]!;
        var id = (DicomValueElement)ds[DicomTags.PatientID]!;
        Assert.Equal((byte)0, uid.Data.Span[^1]);
        Assert.Equal((byte)' ', id.Data.Span[^1]);
        Assert.Equal("1.2.3", ds.GetString(DicomTags.SOPInstanceUID));
    }

    [Fact]
    public void Elements_StayInTagOrder_WhenAddedOutOfOrder()
    {
        var ds = new DicomDataset();
        ds.AddOrUpdate(DicomTags.PatientID, "B");
        ds.AddOrUpdate(DicomTags.Modality, "CR");
        ds.AddOrUpdate(DicomTags.PatientName, "A");
        Assert.Equal([DicomTags.Modality, DicomTags.PatientName, DicomTags.PatientID], ds.Select(e => e.Tag));
        Assert.True(ds.Remove(DicomTags.PatientName));
        Assert.False(ds.Contains(DicomTags.PatientName));
    }

    [Fact]
    public void CharacterSet_IsInheritedFromTheEnclosingDataset()
    {
        var root = new DicomDataset();
        root.AddOrUpdate(DicomTags.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        var item = new DicomDataset();
        item.AddOrReplace(new DicomValueElement(DicomTags.PatientName, DicomVR.PN, "Müller^Jörg"u8.ToArray()));
        root.AddOrReplace(new DicomSequence(DicomTags.OtherPatientIDsSequence, [item]));

        Assert.Equal("Müller^Jörg", item.GetString(DicomTags.PatientName));
    }

    [Fact]
    public void Clone_IsDeepAndIndependent()
    {
        var root = new DicomDataset();
        var item = new DicomDataset();
        item.AddOrUpdate(DicomTags.PatientID, "X1");
        root.AddOrReplace(new DicomSequence(DicomTags.OtherPatientIDsSequence, [item]));
        var copy = root.Clone();
        item.AddOrUpdate(DicomTags.PatientID, "X2");
        var copiedItem = ((DicomSequence)copy[DicomTags.OtherPatientIDsSequence]!).Items[0];
        Assert.Equal("X1", copiedItem.GetString(DicomTags.PatientID));
    }

    [Fact]
    public void Dictionary_ResolvesKeywordsRepeatingGroupsAndPrivateCreators()
    {
        Assert.True(DicomDictionary.TryGetTag("PatientName", out var tag));
        Assert.Equal(new DicomTag(0x0010, 0x0010), tag);
        Assert.Equal("OverlayData", DicomDictionary.Lookup(new DicomTag(0x6002, 0x3000))!.Keyword);
        Assert.Equal(DicomVR.LO, DicomDictionary.Lookup(new DicomTag(0x0029, 0x0010))!.DefaultVR);
        Assert.Null(DicomDictionary.Lookup(new DicomTag(0x0029, 0x1010)));
        Assert.Equal("2024b", DicomDictionary.Edition);
    }
}
