using System.Text;
using RadAnon.Core.Profiles;
using RadAnon.Core.Provenance;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Tests.Profiles;

public sealed class HeaderDeidentifierTests
{
    private static readonly PseudonymKey Key = PseudonymKey.FromText("a project key of enough length 0123456789");

    private static (DicomDataset Dataset, HeaderReport Report) Run(DeidentificationProfile profile, DicomDataset? ds = null, PseudonymKey? key = null)
    {
        ds ??= Synthetic.CrImage();
        var report = HeaderDeidentifier.Apply(ds, profile, key ?? Key);
        return (ds, report);
    }

    [Fact]
    public void Basic_RemovesXElements_ZeroesZElements_DummiesD_AndReplacesUids()
    {
        var (ds, _) = Run(NamedProfiles.Basic);
        Assert.False(ds.Contains(DicomTags.InstitutionAddress));     // X
        Assert.False(ds.Contains(DicomTags.PatientAge));             // X
        Assert.False(ds.Contains(DicomTags.PatientComments));        // X
        Assert.False(ds.Contains(DicomTags.StudyDescription));       // X (no Clean Descriptors)
        Assert.Equal(0, ((DicomValueElement)ds[DicomTags.PatientName]!).Length);      // Z
        Assert.Equal(0, ((DicomValueElement)ds[DicomTags.AccessionNumber]!).Length);  // Z
        Assert.Equal(0, ((DicomValueElement)ds[DicomTags.PatientID]!).Length);        // Z/D, type 2 in CR -> Z
        Assert.StartsWith("2.25.", ds.GetString(DicomTags.SOPInstanceUID), StringComparison.Ordinal);  // U
        Assert.StartsWith("2.25.", ds.GetString(DicomTags.FrameOfReferenceUID), StringComparison.Ordinal);
        Assert.Equal("CR", ds.GetString(DicomTags.Modality));        // not in the table: kept
    }

    [Fact]
    public void CombinedActions_ResolveByIodType_AndTakeTheSafeChoiceWhenUnknown()
    {
        // CR: Institution Name (X/Z/D) is type 3 in General Equipment -> X; Content Date (Z/D) type 2 -> Z.
        var (cr, _) = Run(NamedProfiles.Basic);
        Assert.False(cr.Contains(DicomTags.InstitutionName));
        Assert.Equal(0, ((DicomValueElement)cr[DicomTags.ContentDate]!).Length);

        // An unknown SOP class: X/Z/D and Z/D take D (a dummy keeps the object valid and holds nothing).
        var unknown = Synthetic.CrImage();
        unknown.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.999");
        Run(NamedProfiles.Basic, unknown);
        Assert.StartsWith("ANON", unknown.GetString(DicomTags.InstitutionName), StringComparison.Ordinal);
        Assert.Equal(Pseudonymizer.FixedDummyDate, unknown.GetString(DicomTags.ContentDate));

        Assert.Equal(ProfileAction.Remove, ProfileActions.Resolve("X/Z/U*", 3));
        Assert.Equal(ProfileAction.Zero, ProfileActions.Resolve("X/Z/U*", 2));
        Assert.Equal(ProfileAction.ReplaceUidsWithin, ProfileActions.Resolve("X/Z/U*", null));
        Assert.Equal(ProfileAction.Zero, ProfileActions.Resolve("X/Z", null));
        Assert.Equal(ProfileAction.Dummy, ProfileActions.Resolve("X/D", 1));
        Assert.Equal(ProfileAction.Zero, ProfileActions.Resolve("Z/D", 2));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    public void NestedSequences_AreProcessedAtAnyDepth(int depth)
    {
        var inner = new DicomDataset();
        inner.AddOrUpdate(DicomTags.PatientName, DicomVR.PN, "Deep" + Synthetic.Canary);
        inner.AddOrUpdate(DicomTags.InstitutionAddress, DicomVR.ST, "addr" + Synthetic.Canary);
        inner.AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.3.4.5.6.7.1");
        inner.AddOrUpdate(new DicomTag(0x0011, 0x0010), DicomVR.LO, "NESTED CREATOR");
        inner.AddOrUpdate(new DicomTag(0x0011, 0x1001), DicomVR.LO, "p" + Synthetic.Canary);
        var ds = Synthetic.CrImage();
        foreach (var e in Synthetic.Nest(inner, depth))
        {
            ds.AddOrReplace(e);
        }

        Run(NamedProfiles.Basic, ds);
        Assert.Equal(0, ((DicomValueElement)inner[DicomTags.PatientName]!).Length);
        Assert.False(inner.Contains(DicomTags.InstitutionAddress));
        Assert.False(inner.Contains(new DicomTag(0x0011, 0x1001)));
        Assert.False(inner.Contains(new DicomTag(0x0011, 0x0010)));
        Assert.Equal(ds.GetString(DicomTags.SOPInstanceUID), inner.GetString(DicomTags.ReferencedSOPInstanceUID));
    }

    [Fact]
    public void Wildcards_RemoveWholeOverlayGroups_AndCurves()
    {
        var (ds, report) = Run(NamedProfiles.Basic);
        Assert.DoesNotContain(ds, e => e.Tag.Group is >= 0x6000 and <= 0x601E);
        Assert.DoesNotContain(ds, e => e.Tag.Group is >= 0x5000 and <= 0x501E);
        Assert.Contains(report.Elements, e => e.Tag == "(6000,3000)" && e.Action == "X");
    }

    [Fact]
    public void PrivateTags_AreRemovedByDefault_AndSafeOnesKeptUnderRetainSafePrivate()
    {
        var ds = Synthetic.CrImage();
        ds.AddOrUpdate(new DicomTag(0x0019, 0x0010), DicomVR.LO, "GEMS_ACQU_01");
        ds.AddOrUpdate(new DicomTag(0x0019, 0x1023), DicomVR.DS, "1.5");          // Table Speed: on our safe list
        ds.AddOrUpdate(new DicomTag(0x0019, 0x1018), DicomVR.LO, "RAS " + Synthetic.Canary); // same creator, not listed
        var basicCopy = ds.Clone();
        var (basic, report) = Run(NamedProfiles.Basic, basicCopy);
        Assert.DoesNotContain(basic, e => e.Tag.IsPrivate);
        // Issue 20: a creator is reported as its group and a keyed hash, never as the string read from the file.
        var acme = Assert.Single(report.RemovedPrivateTags, p => p.Key.StartsWith("0009:hmac:", StringComparison.Ordinal));
        Assert.Equal(1, acme.Value);
        Assert.DoesNotContain(report.RemovedPrivateTags.Keys, k => k.Contains("ACME", StringComparison.Ordinal) || k.Contains("GEMS", StringComparison.Ordinal));

        var retain = DeidentificationProfile.Create("safe", ProfileOption.RetainSafePrivate);
        Run(retain, ds);
        Assert.Equal("1.5", ds.GetString(new DicomTag(0x0019, 0x1023)));
        Assert.Equal("GEMS_ACQU_01", ds.GetString(new DicomTag(0x0019, 0x0010)));
        Assert.False(ds.Contains(new DicomTag(0x0019, 0x1018)));
        Assert.False(ds.Contains(new DicomTag(0x0009, 0x0010)));  // creator of an emptied block goes too
    }

    [Theory]
    [InlineData(ProfileOption.RetainPatientCharacteristics)]
    [InlineData(ProfileOption.RetainDeviceIdentity)]
    [InlineData(ProfileOption.RetainInstitutionIdentity)]
    [InlineData(ProfileOption.RetainUids)]
    [InlineData(ProfileOption.RetainLongitudinalFullDates)]
    [InlineData(ProfileOption.RetainLongitudinalModifiedDates)]
    [InlineData(ProfileOption.CleanDescriptors)]
    [InlineData(ProfileOption.CleanGraphics)]
    public void EachOption_ChangesWhatItShould(ProfileOption option)
    {
        var (ds, report) = Run(DeidentificationProfile.Create("opt", option));
        switch (option)
        {
            case ProfileOption.RetainPatientCharacteristics:
                Assert.Equal("047Y", ds.GetString(DicomTags.PatientAge));
                Assert.Equal("F", ds.GetString(DicomTags.PatientSex));
                Assert.Equal("61.5", ds.GetString(DicomTags.PatientWeight));
                break;
            case ProfileOption.RetainDeviceIdentity:
                Assert.Equal("SN" + Synthetic.Canary, ds.GetString(DicomTags.DeviceSerialNumber));
                Assert.Equal("ST" + Synthetic.Canary, ds.GetString(DicomTags.StationName));
                Assert.StartsWith("AE", ds.GetString(DicomTags.StationAETitle), StringComparison.Ordinal);  // C: keyed dummy AE
                Assert.DoesNotContain(Synthetic.Canary, ds.GetString(DicomTags.StationAETitle), StringComparison.Ordinal);
                break;
            case ProfileOption.RetainInstitutionIdentity:
                Assert.Equal("St " + Synthetic.Canary + " Hospital", ds.GetString(DicomTags.InstitutionName));
                break;
            case ProfileOption.RetainUids:
                Assert.Equal("1.2.3.4.5.6.7.1", ds.GetString(DicomTags.SOPInstanceUID));
                break;
            case ProfileOption.RetainLongitudinalFullDates:
                Assert.Equal("20240315", ds.GetString(DicomTags.StudyDate));
                Assert.Equal("UNMODIFIED", ds.GetString(DicomTags.LongitudinalTemporalInformationModified));
                break;
            case ProfileOption.RetainLongitudinalModifiedDates:
                Assert.NotEqual("20240315", ds.GetString(DicomTags.StudyDate));
                Assert.Equal("MODIFIED", ds.GetString(DicomTags.LongitudinalTemporalInformationModified));
                break;
            case ProfileOption.CleanDescriptors:
                Assert.Equal("CHEST PA", ds.GetString(DicomTags.StudyDescription));
                Assert.Equal("PA view", ds.GetString(DicomTags.SeriesDescription));
                break;
            case ProfileOption.CleanGraphics:
                Assert.DoesNotContain(ds, e => e.Tag.Group == 0x6000);
                Assert.NotEmpty(report.Warnings);
                break;
        }

        var codes = report.Codes.Select(c => c.Value).ToArray();
        Assert.Equal("113100", codes[0]);
        Assert.Contains(DeidentificationCodes.Options.Single(o => o.Option == option).Code.Value, codes);
        Assert.Equal(codes.Length, ((DicomSequence)ds[DicomTags.DeidentificationMethodCodeSequence]!).Items.Count);
    }

    [Fact]
    public void CleanStructuredContent_RefusesSrFreeText_AndBasicDummiesIt()
    {
        DicomDataset Sr()
        {
            var sr = Synthetic.CrImage();
            sr.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.88.11");
            var item = new DicomDataset();
            item.AddOrUpdate(DicomTags.ValueType, DicomVR.CS, "TEXT");
            item.AddOrUpdate(DicomTags.TextValue, DicomVR.UT, "seen by Dr " + Synthetic.Canary);
            sr.AddOrReplace(new DicomSequence(DicomTags.ContentSequence, [item]));
            return sr;
        }

        var refused = Assert.Throws<DeidentificationRefusedException>(() => Run(DeidentificationProfile.Create("s", ProfileOption.CleanStructuredContent), Sr()));
        Assert.Equal("sr-free-text", refused.Reason);
        Assert.DoesNotContain(Synthetic.Canary, refused.Message, StringComparison.Ordinal);

        var (basic, _) = Run(NamedProfiles.Basic, Sr());
        var text = ((DicomSequence)basic[DicomTags.ContentSequence]!).Items[0].GetString(DicomTags.TextValue);
        Assert.StartsWith("ANONYMIZED", text, StringComparison.Ordinal);
        Assert.Equal("TEXT", ((DicomSequence)basic[DicomTags.ContentSequence]!).Items[0].GetString(DicomTags.ValueType));
    }

    [Fact]
    public void DicomDir_IsRefused()
    {
        var ds = new DicomDataset();
        ds.AddOrReplace(new DicomSequence(DicomTags.DirectoryRecordSequence));
        Assert.Equal("dicomdir", Assert.Throws<DeidentificationRefusedException>(() => HeaderDeidentifier.Apply(ds, NamedProfiles.Basic, Key)).Reason);
    }

    [Fact]
    public void Foamed_RemovesEveryDate_KeepsSex_AndCoarsensAge()
    {
        var (ds, report) = Run(NamedProfiles.Foamed);
        Assert.DoesNotContain(ds, e => e.VR is DicomVR.DA or DicomVR.DT or DicomVR.TM && e is DicomValueElement { Length: > 0 } && e.Tag != DicomTags.ContentDate);
        Assert.False(ds.Contains(DicomTags.SeriesDate));
        Assert.Equal("F", ds.GetString(DicomTags.PatientSex));
        Assert.Equal("040Y", ds.GetString(DicomTags.PatientAge));
        Assert.Equal("REMOVED", ds.GetString(DicomTags.LongitudinalTemporalInformationModified));
        Assert.Equal("CHEST PA", ds.GetString(DicomTags.StudyDescription));
        // Pixel codes wait for the pixel pipeline.
        Assert.DoesNotContain(report.Codes, c => c.Value == "113101");

        var off = NamedProfiles.Foamed.With(name: "foamed-strict", keepPatientSex: false, coarsenAge: false);
        var (strict, _) = Run(off);
        Assert.Equal(0, ((DicomValueElement)strict[DicomTags.PatientSex]!).Length);
        Assert.False(strict.Contains(DicomTags.PatientAge));
    }

    [Fact]
    public void Research_ShiftsDatesCoherently_ByTheSameKeyedOffsetPerPatient()
    {
        var (a, _) = Run(NamedProfiles.Research);
        var (b, _) = Run(NamedProfiles.Research);
        var study = DateOnly.ParseExact(a.GetString(DicomTags.StudyDate)!, "yyyyMMdd", null);
        var content = DateOnly.ParseExact(a.GetString(DicomTags.ContentDate)!, "yyyyMMdd", null);
        Assert.Equal(1, content.DayNumber - study.DayNumber);                   // intervals survive
        Assert.Equal(a.GetString(DicomTags.StudyDate), b.GetString(DicomTags.StudyDate));
        var dt = a.GetString(DicomTags.AcquisitionDateTime)!;
        Assert.Equal(a.GetString(DicomTags.StudyDate), dt[..8]);                // DT moves with DA
        Assert.Equal("101733.25", dt[8..]);                                      // whole-day shift: time of day kept
        Assert.Equal("101500", a.GetString(DicomTags.StudyTime));
        Assert.InRange(DateOnly.ParseExact("20240315", "yyyyMMdd", null).DayNumber - study.DayNumber, 1, Pseudonymizer.MaxShiftDays);

        var (other, _) = Run(NamedProfiles.Research, Synthetic.CrImage(patientId: "another patient"));
        Assert.NotEqual(a.GetString(DicomTags.StudyDate), other.GetString(DicomTags.StudyDate));
        Assert.Equal("047Y", a.GetString(DicomTags.PatientAge));
        Assert.Equal("SN" + Synthetic.Canary, a.GetString(DicomTags.DeviceSerialNumber));
    }

    [Fact]
    public void KeyedUids_AreConsistentAcrossRuns_AndReferencesFollowThem()
    {
        var pr = new DicomDataset();
        pr.AddOrUpdate(DicomTags.SOPClassUID, DicomVR.UI, "1.2.840.10008.5.1.4.1.1.11.1");
        pr.AddOrUpdate(DicomTags.SOPInstanceUID, DicomVR.UI, "1.2.3.9");
        pr.AddOrUpdate(DicomTags.StudyInstanceUID, DicomVR.UI, "1.2.3.4.5.6.7.2");
        var image = new DicomDataset();
        image.AddOrUpdate(DicomTags.ReferencedSOPClassUID, DicomVR.UI, Synthetic.CrImageStorage);
        image.AddOrUpdate(DicomTags.ReferencedSOPInstanceUID, DicomVR.UI, "1.2.3.4.5.6.7.1");
        var series = new DicomDataset();
        series.AddOrUpdate(DicomTags.SeriesInstanceUID, DicomVR.UI, "1.2.3.4.5.6.7.3");
        series.AddOrReplace(new DicomSequence(DicomTags.ReferencedImageSequence, [image]));
        pr.AddOrReplace(new DicomSequence(DicomTags.ReferencedSeriesSequence, [series]));

        var (cr, _) = Run(NamedProfiles.Research);
        Run(NamedProfiles.Research, pr, PseudonymKey.FromText("a project key of enough length 0123456789"));
        Assert.Equal(cr.GetString(DicomTags.SOPInstanceUID), image.GetString(DicomTags.ReferencedSOPInstanceUID));
        Assert.Equal(cr.GetString(DicomTags.SeriesInstanceUID), series.GetString(DicomTags.SeriesInstanceUID));
        Assert.Equal(cr.GetString(DicomTags.StudyInstanceUID), pr.GetString(DicomTags.StudyInstanceUID));
        Assert.Equal(Synthetic.CrImageStorage, image.GetString(DicomTags.ReferencedSOPClassUID));
        var uid = cr.GetString(DicomTags.SOPInstanceUID)!;
        Assert.True(uid.Length <= 64 && uid.Skip(5).All(char.IsAsciiDigit), uid);
    }

    [Fact]
    public void WithoutAKey_EachRequestIsUnlinkable()
    {
        var (a, ra) = Run(NamedProfiles.Research, key: PseudonymKey.CreateEphemeral());
        var (b, _) = Run(NamedProfiles.Research, key: PseudonymKey.CreateEphemeral());
        Assert.NotEqual(a.GetString(DicomTags.SOPInstanceUID), b.GetString(DicomTags.SOPInstanceUID));
        Assert.Equal("ephemeral", ra.KeyMode);
        Assert.Null(ra.KeyFingerprint);
    }

    [Fact]
    public void Overrides_ByKeywordAndTag_ReplaceTheTableAction()
    {
        var profile = DeidentificationProfile.Create("o", ProfileOption.None, new Dictionary<string, string>
        {
            ["StudyDescription"] = "K",
            ["(0008,0070)"] = "X",
        });
        var (ds, _) = Run(profile);
        Assert.Equal("CHEST PA Smith" + Synthetic.Canary + " 20240315", ds.GetString(DicomTags.StudyDescription));
        Assert.False(ds.Contains(DicomTags.Manufacturer));
        Assert.Throws<ArgumentException>(() => DeidentificationProfile.Create("bad", ProfileOption.None, new Dictionary<string, string> { ["NotAKeyword"] = "X" }));
        Assert.Throws<ArgumentException>(() => DeidentificationProfile.Create("bad", ProfileOption.None, new Dictionary<string, string> { ["PatientName"] = "Q" }));
        Assert.Throws<ArgumentException>(() => DeidentificationProfile.Create("bad",
            ProfileOption.RetainLongitudinalFullDates | ProfileOption.RetainLongitudinalModifiedDates));
    }

    [Fact]
    public void Configuration_DefinesProfilesOnABase()
    {
        var config = ProfileConfiguration.Parse("""
            { "profiles": { "teaching-ct": { "base": "foamed", "options": ["RetainDeviceIdentity"], "removeOptions": ["CleanPixelData"],
                "overrides": { "PatientSex": "X" }, "coarsenAge": false } } }
            """);
        var p = config.Get("teaching-ct");
        Assert.True(p.Has(ProfileOption.RetainDeviceIdentity | ProfileOption.CleanDescriptors));
        Assert.False(p.Has(ProfileOption.CleanPixelData));
        Assert.True(p.RemoveAllDates);
        Assert.False(p.CoarsenAgeToDecade);
        Assert.Equal(ProfileAction.Remove, p.Overrides[DicomTags.PatientSex]);
        Assert.Throws<FormatException>(() => ProfileConfiguration.Parse("""{ "profiles": { "x": { "options": ["NoSuchOption"] } } }"""));
        Assert.Throws<FormatException>(() => ProfileConfiguration.Parse("""{ "profiles": { "basic": {} } }"""));
    }

    [Theory]
    [InlineData("basic")]
    [InlineData("foamed")]
    [InlineData("research")]
    public void Report_AndOutput_NeverContainAnOriginalValue(string profile)
    {
        var ds = Synthetic.CrImage();
        var report = HeaderDeidentifier.Apply(ds, NamedProfiles.All[profile], Key);
        var json = ProvenanceJson.Serialize(report);
        Assert.DoesNotContain(Synthetic.Canary, json, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("20240315", json, StringComparison.Ordinal);
        Assert.DoesNotContain("a project key", json, StringComparison.Ordinal);
        var bytes = Encoding.Latin1.GetString(Synthetic.Bytes(ds));
        if (profile != "research")
        {
            Assert.DoesNotContain(Synthetic.Canary, bytes, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            // Research retains device identity (K) by design; nothing else may carry a canary.
            Assert.Equal(2, CountOf(bytes, Synthetic.Canary));
        }

        Assert.DoesNotContain("1.2.3.4.5.6.7", bytes, StringComparison.Ordinal);
        Assert.Equal("YES", ds.GetString(DicomTags.PatientIdentityRemoved));
        Assert.Contains(profile, ds.GetString(DicomTags.DeidentificationMethod), StringComparison.Ordinal);
    }

    [Fact]
    public void PixelCleaning_IsRecordedOnlyWhenTheCallerSaysItRan()
    {
        var ds = Synthetic.CrImage();
        ds.AddOrReplace(new DicomValueElement(DicomTags.PixelData, DicomVR.OW, new byte[8]));
        ds.AddOrUpdate(DicomTags.BurnedInAnnotation, DicomVR.CS, "YES");
        var report = HeaderDeidentifier.Apply(ds, NamedProfiles.Foamed, Key);
        Assert.Equal("YES", ds.GetString(DicomTags.BurnedInAnnotation));
        Assert.Contains(HeaderDeidentifier.PixelsNotCleanedWarning, report.Warnings);
        HeaderDeidentifier.RecordPixelCleaning(ds, report);
        Assert.Equal("NO", ds.GetString(DicomTags.BurnedInAnnotation));
        Assert.Contains(report.Codes, c => c.Value == "113101");
        Assert.DoesNotContain(HeaderDeidentifier.PixelsNotCleanedWarning, report.Warnings);
    }

    [Fact]
    public void GeneratedTable_HasEveryRowOfThe2024bEdition()
    {
        Assert.Equal(621, ConfidentialityProfileTable.SourceRowCount);
        Assert.Equal(620, ConfidentialityProfileTable.Rows.Length);
        Assert.Equal("2024b", ConfidentialityProfileTable.Edition);
    }

    private static int CountOf(string haystack, string needle)
    {
        var n = 0;
        for (var i = haystack.IndexOf(needle, StringComparison.Ordinal); i >= 0; i = haystack.IndexOf(needle, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
