namespace RadAnon.Core.Profiles;

/// <summary>The built-in profiles of issue 3: basic, foamed (default) and research.</summary>
public static class NamedProfiles
{
    public const string DefaultName = "foamed";

    /// <summary>The Basic Application Level Confidentiality Profile alone.</summary>
    public static DeidentificationProfile Basic { get; } = DeidentificationProfile.Create("basic", ProfileOption.None);

    /// <summary>
    /// Teaching images shared openly: Basic plus Clean Descriptors, Clean Graphics, Clean Structured Content and
    /// Clean Pixel Data; every date and time removed, none shifted; sex kept and age coarsened to a decade.
    /// </summary>
    public static DeidentificationProfile Foamed { get; } = DeidentificationProfile.Create("foamed",
        ProfileOption.CleanDescriptors | ProfileOption.CleanGraphics | ProfileOption.CleanStructuredContent | ProfileOption.CleanPixelData,
        removeAllDates: true, keepPatientSex: true, coarsenAge: true);

    /// <summary>
    /// Basic plus keyed date shifting, patient characteristics and device identity, with keyed consistent UIDs; PatientID
    /// becomes a keyed pseudonym ID (not emptied), so one patient's studies stay linked under the project key.
    /// </summary>
    public static DeidentificationProfile Research { get; } = DeidentificationProfile.Create("research",
        ProfileOption.RetainLongitudinalModifiedDates | ProfileOption.RetainPatientCharacteristics | ProfileOption.RetainDeviceIdentity,
        new Dictionary<string, string>(StringComparer.Ordinal) { ["PatientID"] = "D" });

    public static IReadOnlyDictionary<string, DeidentificationProfile> All { get; } = new Dictionary<string, DeidentificationProfile>(StringComparer.Ordinal)
    {
        ["basic"] = Basic,
        ["foamed"] = Foamed,
        ["research"] = Research,
    };
}
