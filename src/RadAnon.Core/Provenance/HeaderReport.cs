using RadAnon.Core.Profiles;

namespace RadAnon.Core.Provenance;

/// <summary>
/// What header de-identification did to one object, free of PHI: tags, keywords, actions and sequence
/// paths, counts, private creators removed, warnings. It never holds a value read from the object.
/// Serialise with <see cref="ProvenanceJson"/> (schema: schemas/provenance-v1.json).
/// </summary>
public sealed class HeaderReport
{
    private readonly List<ElementAction> _elements = [];
    private readonly SortedDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _privateRemoved = new(StringComparer.Ordinal);
    private readonly List<string> _warnings = [];
    private readonly List<CodedEntry> _codes = [];

    private readonly PseudonymKey _creatorKey;

    internal HeaderReport(DeidentificationProfile profile, PseudonymKey key)
    {
        _creatorKey = key;
        Profile = profile.Name;
        Options = Enum.GetValues<ProfileOption>().Where(o => o != ProfileOption.None && profile.Has(o)).Select(o => o.ToString()).ToArray();
        KeyMode = key.IsEphemeral ? "ephemeral" : "project";
        KeyFingerprint = key.Fingerprint;
    }

    public string Software => "RadAnon";

    public string SoftwareVersion => typeof(HeaderReport).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    public string StandardEdition => ConfidentialityProfileTable.Edition;

    public string Profile { get; }

    /// <summary>Options the profile asks for (CID 7050 codes list only those applied).</summary>
    public IReadOnlyList<string> Options { get; }

    public IReadOnlyList<CodedEntry> Codes => _codes;

    /// <summary>"project" (a configured key: pseudonyms link across runs) or "ephemeral" (fresh per request).</summary>
    public string KeyMode { get; }

    /// <summary>An HMAC-derived fingerprint of a project key (never the key); null when ephemeral.</summary>
    public string? KeyFingerprint { get; }

    /// <summary>UNMODIFIED, MODIFIED or REMOVED, as written to (0028,0303).</summary>
    public string LongitudinalTemporalInformation { get; internal set; } = "REMOVED";

    public bool PixelsCleaned { get; internal set; }

    /// <summary>The keyed input hash (see <see cref="ReportKey"/>), never the plain SHA-256.</summary>
    public string? InputHmacSha256 { get; set; }

    public string? OutputSha256 { get; set; }

    public IReadOnlyList<ElementAction> Elements => _elements;

    /// <summary>Elements per action letter (K counted too).</summary>
    public IReadOnlyDictionary<string, int> Counts => _counts;

    /// <summary>Removed private data elements per group and keyed creator hash ("0009:hmac:…", "0009:(no creator)" for orphans).</summary>
    public IReadOnlyDictionary<string, int> RemovedPrivateTags => _privateRemoved;

    public IReadOnlyList<string> Warnings => _warnings;

    internal void Count(ProfileAction action)
    {
        var code = action.Code();
        _counts[code] = _counts.GetValueOrDefault(code) + 1;
    }

    internal void Record(string path, string tag, string keyword, ProfileAction action)
    {
        Count(action);
        _elements.Add(new ElementAction(tag, keyword, action.Code(), path));
    }

    /// <summary>
    /// Counts one removed private element under "gggg:" plus a keyed hash of its creator (the pseudonym key's HMAC, so
    /// an ephemeral key makes it unlinkable across requests): never the creator string, which a file can fill with a
    /// name, and never an unkeyed hash a dictionary reverses.
    /// </summary>
    internal void RecordPrivateRemoved(ushort group, string? creator)
    {
        var label = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{group:x4}:")
            + (string.IsNullOrEmpty(creator) ? "(no creator)" : "hmac:" + Convert.ToHexStringLower(_creatorKey.Mac("private-creator", creator))[..16]);
        _privateRemoved[label] = _privateRemoved.GetValueOrDefault(label) + 1;
    }

    internal void SetCodes(IEnumerable<CodedEntry> codes)
    {
        _codes.Clear();
        _codes.AddRange(codes);
    }

    public void AddWarning(string warning)
    {
        if (!_warnings.Contains(warning))
        {
            _warnings.Add(warning);
        }
    }

    internal void RemoveWarning(string warning) => _warnings.Remove(warning);
}

/// <summary>One element the profile changed: its tag, keyword, action letter and sequence path ("" at top level).</summary>
public sealed record ElementAction(string Tag, string Keyword, string Action, string Path);
