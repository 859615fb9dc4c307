using System.Globalization;
using RadAnon.Core.Provenance;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Profiles;

/// <summary>One application of a profile to one dataset: walks every element at every depth and applies its action.</summary>
internal sealed partial class DeidentificationRun
{
    /// <summary>Said under Clean Graphics when overlays were removed without being burned into the pixels first.</summary>
    public const string OverlaysRemovedWarning =
        "overlays cannot be cleaned in place; they were removed without being burned into the pixels (burnOverlays burns them in first)";

    private static readonly DicomTag OverlayData = new(0x6000, 0x3000);

    private readonly DeidentificationProfile _profile;
    private readonly SafePrivateList _safePrivate;
    private readonly HeaderReport _report;
    private readonly Pseudonymizer _pseudonyms;
    private readonly TextCleaner _cleaner;
    private readonly string? _sopClassUid;

    public DeidentificationRun(DicomDataset root, DeidentificationProfile profile, PseudonymKey key, SafePrivateList safePrivate, HeaderReport report)
    {
        _profile = profile;
        _safePrivate = safePrivate;
        _report = report;
        _sopClassUid = root.GetString(DicomTags.SOPClassUID);
        _pseudonyms = new Pseudonymizer(key, root.GetString(DicomTags.PatientID));
        _cleaner = new TextCleaner(IdentifierCollector.Collect(root));
    }

    public void Process(DicomDataset dataset, string path, TextMode mode, bool topLevel)
    {
        ProcessPrivate(dataset, path);
        RemoveOverlays(dataset, path);
        foreach (var element in dataset.ToArray())
        {
            if (element.Tag.IsPrivate || element.Tag.Group == 0x0002)
            {
                continue;
            }

            if ((element.Tag.Group & 1) == 1)
            {
                // Reserved odd groups (0001-0007, FFFF) are illegal in a dataset; like private data they go.
                dataset.Remove(element.Tag);
                _report.Record(path, element.Tag.ToString(), string.Empty, ProfileAction.Remove);
                continue;
            }

            var row = ConfidentialityProfileTable.Find(element.Tag);
            var action = Decide(element, row, mode, topLevel);
            Perform(dataset, element, row, action, path, mode);
        }
    }

    private ProfileAction Decide(DicomElement element, TableRow? row, TextMode mode, bool topLevel)
    {
        var tag = element.Tag;
        ProfileAction action;
        if (_profile.Overrides.TryGetValue(tag, out var overridden))
        {
            return overridden;
        }

        if (tag == DicomTags.PatientSex && _profile.KeepPatientSex)
        {
            action = ProfileAction.Keep;
        }
        else if (tag == DicomTags.PatientAge && _profile.CoarsenAgeToDecade && !_profile.Has(ProfileOption.RetainPatientCharacteristics))
        {
            action = ProfileAction.CoarsenAge;
        }
        else if (row is not null)
        {
            // Inside items the type is unknown. An X/Z sequence there (ReferencedStudySequence in the Request Attributes
            // macro, ProcedureCodeSequence...) is optional in the macros that hold it, and an emptied type 3 sequence
            // is itself an IOD error, so it is removed rather than zeroed.
            var code = row.ActionWith(_profile.Options);
            var type = topLevel ? AttributeTypes.TopLevelType(_sopClassUid, tag) : (element is DicomSequence && code == "X/Z" ? 3 : null);
            action = ProfileActions.Resolve(code, type);
        }
        else
        {
            action = ProfileAction.Keep;
        }

        if (_profile.RemoveAllDates && element.VR is DicomVR.DA or DicomVR.DT or DicomVR.TM
            && action is ProfileAction.Keep or ProfileAction.Clean)
        {
            return ProfileAction.Remove;
        }

        if (action == ProfileAction.Keep && mode != TextMode.AsIs && IsFreeText(element) && !IsCodedTerm(tag))
        {
            return mode == TextMode.Dummy ? ProfileAction.Dummy : ProfileAction.Clean;
        }

        return action;
    }

    private void Perform(DicomDataset dataset, DicomElement element, TableRow? row, ProfileAction action, string path, TextMode mode)
    {
        var tag = element.Tag;
        switch (action)
        {
            case ProfileAction.Keep:
                _report.Count(action);
                Recurse(element, path, mode);
                return;
            case ProfileAction.Remove:
                dataset.Remove(tag);
                break;
            case ProfileAction.Zero:
                dataset.SetEmpty(tag, element.VR);
                break;
            case ProfileAction.Dummy:
                if (element is DicomSequence)
                {
                    Recurse(element, path, TextMode.Dummy);
                }
                else
                {
                    ReplaceWithDummy(dataset, element);
                }

                break;
            case ProfileAction.Clean:
                action = Clean(dataset, element, row, path);
                break;
            case ProfileAction.Uid:
                if (element is DicomSequence)
                {
                    Recurse(element, path, mode);
                }
                else
                {
                    ReplaceUids(dataset, element);
                }

                break;
            case ProfileAction.ReplaceUidsWithin:
                Recurse(element, path, mode);
                break;
            case ProfileAction.CoarsenAge:
                CoarsenAge(dataset, element);
                break;
        }

        _report.Record(path, tag.ToString(), DicomDictionary.KeywordOf(tag), action);
    }

    private void Recurse(DicomElement element, string path, TextMode mode)
    {
        if (element is not DicomSequence sequence)
        {
            return;
        }

        for (var i = 0; i < sequence.Items.Count; i++)
        {
            var itemPath = string.Create(CultureInfo.InvariantCulture, $"{(path.Length == 0 ? string.Empty : path + "/")}{element.Tag}[{i}]");
            Process(sequence.Items[i], itemPath, mode, topLevel: false);
        }
    }

    /// <summary>
    /// 60xx groups go whole: the table removes overlay data and comments, and the rest of a group is meaningless (and
    /// invalid) without them. A K override of OverlayData keeps them, unless the profile burns overlays: what was burned
    /// into the pixels is never kept a second time.
    /// </summary>
    private void RemoveOverlays(DicomDataset dataset, string path)
    {
        var overlay = dataset.Where(e => ConfidentialityProfileTable.IsOverlayGroup(e.Tag.Group)).ToArray();
        if (overlay.Length == 0
            || !_profile.BurnOverlays && _profile.Overrides.TryGetValue(OverlayData, out var kept) && kept == ProfileAction.Keep)
        {
            return;
        }

        foreach (var e in overlay)
        {
            dataset.Remove(e.Tag);
            _report.Record(path, e.Tag.ToString(), DicomDictionary.KeywordOf(e.Tag), ProfileAction.Remove);
        }

        if (_profile.Has(ProfileOption.CleanGraphics) && !_profile.BurnOverlays)
        {
            _report.AddWarning(OverlaysRemovedWarning);
        }
    }

    private void ProcessPrivate(DicomDataset dataset, string path)
    {
        var keptBlocks = new HashSet<DicomTag>();
        foreach (var element in dataset.Where(e => e.Tag.IsPrivate && !e.Tag.IsPrivateCreator).ToArray())
        {
            var creatorTag = element.Tag.PrivateCreatorTag;
            var creator = element.Tag.IsGroupLength ? null : dataset.GetString(creatorTag);
            if (_profile.Has(ProfileOption.RetainSafePrivate) && _safePrivate.IsSafe(creator, element.Tag, element.VR))
            {
                keptBlocks.Add(creatorTag);
                _report.Count(ProfileAction.Keep);
                continue;
            }

            dataset.Remove(element.Tag);
            _report.RecordPrivateRemoved(element.Tag.Group, creator);
            _report.Record(path, element.Tag.ToString(), string.Empty, ProfileAction.Remove);
        }

        // Creator elements stay only for blocks that still hold data, so creators and blocks remain consistent.
        foreach (var creator in dataset.Where(e => e.Tag.IsPrivateCreator && !keptBlocks.Contains(e.Tag)).ToArray())
        {
            dataset.Remove(creator.Tag);
            _report.Record(path, creator.Tag.ToString(), "PrivateCreator", ProfileAction.Remove);
        }
    }

    private static bool IsFreeText(DicomElement element) => element.VR is DicomVR.PN or DicomVR.LO or DicomVR.SH or DicomVR.LT
        or DicomVR.ST or DicomVR.UT or DicomVR.UC or DicomVR.AE or DicomVR.DA or DicomVR.DT or DicomVR.TM or DicomVR.UR;

    /// <summary>Coded terminology (code value, scheme, meaning) is not patient data and keeps codes meaningful under D and C.</summary>
    private static bool IsCodedTerm(DicomTag tag) => tag == DicomTags.CodeValue || tag == DicomTags.CodingSchemeDesignator
        || tag == DicomTags.CodingSchemeVersion || tag == DicomTags.CodeMeaning || tag == DicomTags.LongCodeValue
        || tag == DicomTags.URNCodeValue || tag == DicomTags.MappingResource || tag == DicomTags.ContextIdentifier
        || tag == DicomTags.ContextGroupVersion || tag == DicomTags.ContextUID || tag == DicomTags.MappingResourceName;
}
