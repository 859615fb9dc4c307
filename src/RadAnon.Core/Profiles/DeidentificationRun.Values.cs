using System.Globalization;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Profiles;

/// <summary>Value replacement: dummies (D), cleaning (C), keyed UIDs (U) and age bands.</summary>
internal sealed partial class DeidentificationRun
{
    private void ReplaceWithDummy(DicomDataset dataset, DicomElement element)
    {
        var tag = element.Tag;
        if (tag == DicomTags.EncapsulatedDocument)
        {
            RefuseEncapsulatedDocument();
        }

        var vr = EffectiveVR(element);
        if (vr.IsString())
        {
            var original = dataset.GetString(tag) ?? string.Empty;
            var dummy = vr switch
            {
                DicomVR.UI => string.Join('\\', dataset.GetStrings(tag).Select(_pseudonyms.Uid)),
                DicomVR.DA or DicomVR.DT when _profile.Has(ProfileOption.RetainLongitudinalModifiedDates) => _pseudonyms.ShiftDates(vr, dataset.GetStrings(tag)),
                _ when tag == DicomTags.PatientID => _pseudonyms.PatientId(original),
                _ => _pseudonyms.DummyText(vr, original),
            };
            dataset.AddOrUpdate(tag, vr, dummy.Length == 0 ? _pseudonyms.DummyText(vr, original) : dummy);
            return;
        }

        // Binary values become zeros of the same size; bulk values a two-byte zero value.
        var length = element is DicomValueElement v && v.Length > 0 && !vr.IsBulk() ? v.Length : Math.Max(2, vr.UnitSize());
        dataset.AddOrReplace(new DicomValueElement(tag, vr, new byte[length]));
    }

    private ProfileAction Clean(DicomDataset dataset, DicomElement element, TableRow? row, string path)
    {
        var tag = element.Tag;
        if (element is DicomSequence)
        {
            Recurse(element, path, TextMode.Clean);
            return ProfileAction.Clean;
        }

        if (tag == DicomTags.EncapsulatedDocument)
        {
            RefuseEncapsulatedDocument();
        }

        if (tag == DicomTags.TextValue && _profile.Has(ProfileOption.CleanStructuredContent) && (dataset.GetString(tag)?.Length ?? 0) > 0)
        {
            throw new DeidentificationRefusedException("sr-free-text",
                "structured content holds free text (TextValue) that Clean Structured Content cannot verify as clean; "
                + "the object was refused rather than passed through (use a profile without Clean Structured Content to dummy it)");
        }

        var vr = EffectiveVR(element);
        switch (vr)
        {
            case DicomVR.DA or DicomVR.DT or DicomVR.TM:
                if (_profile.Has(ProfileOption.RetainLongitudinalModifiedDates))
                {
                    dataset.AddOrUpdate(tag, vr, _pseudonyms.ShiftDates(vr, dataset.GetStrings(tag)));
                    return ProfileAction.Clean;
                }

                ReplaceWithDummy(dataset, element);
                return ProfileAction.Dummy;
            case DicomVR.AE:
                dataset.AddOrUpdate(tag, vr, string.Join('\\', dataset.GetStrings(tag).Select(_pseudonyms.DummyAe)));
                return ProfileAction.Clean;
            case DicomVR.UI:
                ReplaceUids(dataset, element);
                return ProfileAction.Uid;
            case DicomVR.PN:
                // A person's name has no non-identifying remainder: cleaning a name is replacing it.
                ReplaceWithDummy(dataset, element);
                return ProfileAction.Dummy;
        }

        if (vr is DicomVR.LT or DicomVR.ST or DicomVR.UT && tag != DicomTags.UnformattedTextValue)
        {
            // Free prose (comments, histories) cannot be verified clean by removing known identifiers: it goes.
            dataset.Remove(tag);
            _report.AddWarning("free-text descriptors (LT, ST, UT) cannot be verified clean and were removed");
            return ProfileAction.Remove;
        }

        if (vr is DicomVR.LT or DicomVR.ST or DicomVR.UT && tag != DicomTags.UnformattedTextValue)
        {
            // Free prose (comments, histories) cannot be verified clean by removing known identifiers: it goes.
            dataset.Remove(tag);
            _report.AddWarning("free-text descriptors (LT, ST, UT) cannot be verified clean and were removed");
            return ProfileAction.Remove;
        }

        if (vr.IsString())
        {
            var original = dataset.GetString(tag) ?? string.Empty;
            var cleaned = _cleaner.Clean(original);
            if (vr == DicomVR.CS)
            {
                cleaned = new string(cleaned.Where(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c is ' ' or '_' or '\\').ToArray());
            }

            if (cleaned.Length == 0)
            {
                dataset.SetEmpty(tag, vr);
                return ProfileAction.Zero;
            }

            dataset.AddOrUpdate(tag, vr, cleaned);
            return ProfileAction.Clean;
        }

        if (vr.IsBulk() || ConfidentialityProfileTable.IsCurveGroup(tag.Group) || row?.IsMasked == true)
        {
            // Graphics held as bitmaps or curves cannot be inspected for text here: removed, never passed through.
            dataset.Remove(tag);
            _report.AddWarning("graphics that cannot be cleaned (curves, bitmaps) were removed");
            return ProfileAction.Remove;
        }

        // Numbers (e.g. patient size under Retain Patient Characteristics' C) carry no free text.
        return ProfileAction.Keep;
    }

    private void ReplaceUids(DicomDataset dataset, DicomElement element)
    {
        var uids = dataset.GetStrings(element.Tag);
        if (uids.Count == 0)
        {
            return;
        }

        dataset.AddOrUpdate(element.Tag, DicomVR.UI, string.Join('\\', uids.Select(_pseudonyms.Uid)));
    }

    private static void CoarsenAge(DicomDataset dataset, DicomElement element)
    {
        var text = dataset.GetString(element.Tag) ?? string.Empty;
        if (text.Length != 4 || !int.TryParse(text.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            dataset.Remove(element.Tag);
            return;
        }

        var years = char.ToUpperInvariant(text[3]) switch
        {
            'Y' => n,
            'M' => n / 12,
            'W' => n / 52,
            'D' => n / 365,
            _ => -1,
        };
        if (years < 0)
        {
            dataset.Remove(element.Tag);
            return;
        }

        var band = Math.Min(years / 10 * 10, 90);
        dataset.AddOrUpdate(element.Tag, DicomVR.AS, band.ToString("000", CultureInfo.InvariantCulture) + "Y");
    }

    private void RefuseEncapsulatedDocument()
    {
        if (_profile.Has(ProfileOption.CleanStructuredContent))
        {
            throw new DeidentificationRefusedException("encapsulated-document",
                "the object encapsulates a document (PDF, CDA...) that cannot be cleaned; it was refused rather than passed through");
        }
    }

    /// <summary>The dictionary's VR for elements read as UN (implicit VR, unknown then), so dummies take the right form.</summary>
    private static DicomVR EffectiveVR(DicomElement element) =>
        element.VR == DicomVR.UN ? DicomDictionary.Lookup(element.Tag)?.DefaultVR ?? DicomVR.UN : element.VR;
}
