using System.Collections.Frozen;
using RadAnon.Dicom;
using RadAnon.Dicom.Data;

namespace RadAnon.Core.Profiles;

/// <summary>
/// An immutable de-identification profile: the Basic Profile plus options, the foamed refinements and
/// per-tag overrides. Build it with <see cref="Create"/>, which validates once; the engine trusts it after.
/// </summary>
public sealed record DeidentificationProfile
{
    private DeidentificationProfile(string name, ProfileOption options, FrozenDictionary<DicomTag, ProfileAction> overrides,
        bool removeAllDates, bool keepPatientSex, bool coarsenAge, bool burnOverlays)
    {
        Name = name;
        Options = options;
        Overrides = overrides;
        RemoveAllDates = removeAllDates;
        KeepPatientSex = keepPatientSex;
        CoarsenAgeToDecade = coarsenAge;
        BurnOverlays = burnOverlays;
    }

    public string Name { get; }

    public ProfileOption Options { get; }

    /// <summary>Actions that replace the table's for these tags (at every depth).</summary>
    public FrozenDictionary<DicomTag, ProfileAction> Overrides { get; }

    /// <summary>Every DA, DT and TM removed (or emptied, or a fixed dummy where the IOD requires a value); nothing shifted.</summary>
    public bool RemoveAllDates { get; }

    /// <summary>Patient's Sex kept although the Basic Profile empties it.</summary>
    public bool KeepPatientSex { get; }

    /// <summary>Patient's Age kept as a decade band (045Y becomes 040Y; 90 and over become 090Y).</summary>
    public bool CoarsenAgeToDecade { get; }

    /// <summary>
    /// Overlay planes (60xx) are burned into the pixels before text cleaning, then removed; without it they are only
    /// removed. Either way no 60xx group is kept (with it, not even under a K override of OverlayData).
    /// </summary>
    public bool BurnOverlays { get; }

    public bool Has(ProfileOption option) => (Options & option) == option;

    /// <summary>Validates and builds a profile. Overrides are keyed by keyword or "(gggg,eeee)", valued K, X, Z, D, C or U.</summary>
    public static DeidentificationProfile Create(string name, ProfileOption options, IReadOnlyDictionary<string, string>? overrides = null,
        bool removeAllDates = false, bool keepPatientSex = false, bool coarsenAge = false, bool burnOverlays = false)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 32 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"profile name '{name}' must be 1-32 ASCII letters, digits, '-', '_' or '.'", nameof(name));
        }

        if ((options & ProfileOption.RetainLongitudinalFullDates) != 0 && (options & ProfileOption.RetainLongitudinalModifiedDates) != 0)
        {
            throw new ArgumentException($"profile '{name}': Retain Longitudinal Full Dates and Modified Dates exclude each other; choose one", nameof(options));
        }

        if (removeAllDates && (options & (ProfileOption.RetainLongitudinalFullDates | ProfileOption.RetainLongitudinalModifiedDates)) != 0)
        {
            throw new ArgumentException($"profile '{name}': removing every date contradicts a Retain Longitudinal option", nameof(removeAllDates));
        }

        var parsed = new Dictionary<DicomTag, ProfileAction>();
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            if (!DicomTag.TryParse(key, out var tag) && !DicomDictionary.TryGetTag(key, out tag))
            {
                throw new ArgumentException($"profile '{name}': override '{key}' is neither a keyword nor (gggg,eeee)", nameof(overrides));
            }

            if (!ProfileActions.TryParseSingle(value, out var action))
            {
                throw new ArgumentException($"profile '{name}': override {tag} action '{value}' must be one of K, X, Z, D, C, U", nameof(overrides));
            }

            parsed[tag] = action;
        }

        return new DeidentificationProfile(name, options, parsed.ToFrozenDictionary(), removeAllDates, keepPatientSex, coarsenAge, burnOverlays);
    }

    /// <summary>A copy with different overrides or foamed switches, validated again.</summary>
    public DeidentificationProfile With(string? name = null, ProfileOption? options = null, IReadOnlyDictionary<string, string>? overrides = null,
        bool? removeAllDates = null, bool? keepPatientSex = null, bool? coarsenAge = null, bool? burnOverlays = null)
    {
        var merged = Overrides.ToDictionary(p => p.Key.ToString(), p => p.Value.Code());
        foreach (var (k, v) in overrides ?? new Dictionary<string, string>())
        {
            merged[DicomTag.TryParse(k, out var t) ? t.ToString() : DicomDictionary.TryGetTag(k, out t) ? t.ToString() : k] = v;
        }

        return Create(name ?? Name, options ?? Options, merged, removeAllDates ?? RemoveAllDates, keepPatientSex ?? KeepPatientSex, coarsenAge ?? CoarsenAgeToDecade,
            burnOverlays ?? BurnOverlays);
    }

    public bool Equals(DeidentificationProfile? other) => other is not null && Name == other.Name && Options == other.Options
        && RemoveAllDates == other.RemoveAllDates && BurnOverlays == other.BurnOverlays && KeepPatientSex == other.KeepPatientSex && CoarsenAgeToDecade == other.CoarsenAgeToDecade
        && Overrides.Count == other.Overrides.Count && Overrides.All(p => other.Overrides.TryGetValue(p.Key, out var a) && a == p.Value);

    public override int GetHashCode() => HashCode.Combine(Name, Options, RemoveAllDates, KeepPatientSex, CoarsenAgeToDecade, BurnOverlays, Overrides.Count);
}
