using System.Text.Json;

namespace RadAnon.Core.Profiles;

/// <summary>
/// User-defined profiles from configuration JSON, validated once when loaded:
/// <code>
/// { "profiles": { "teaching-ct": { "base": "foamed", "options": ["RetainDeviceIdentity"],
///     "removeOptions": ["CleanPixelData"], "overrides": { "PatientSex": "X", "(0008,103E)": "K" },
///     "removeAllDates": true, "keepPatientSex": false, "coarsenAge": true, "burnOverlays": true } },
///   "safePrivate": { "entries": [ { "creator": "GEMS_ACQU_01", "group": "0019", "element": "23" } ] } }
/// </code>
/// A base is a built-in name or a profile defined earlier in the same file.
/// </summary>
public sealed class ProfileConfiguration
{
    private ProfileConfiguration(IReadOnlyDictionary<string, DeidentificationProfile> profiles, SafePrivateList safePrivate)
    {
        Profiles = profiles;
        SafePrivate = safePrivate;
    }

    public IReadOnlyDictionary<string, DeidentificationProfile> Profiles { get; }

    public SafePrivateList SafePrivate { get; }

    public static ProfileConfiguration Default { get; } = new(NamedProfiles.All, SafePrivateList.Default);

    public DeidentificationProfile Get(string name) => Profiles.TryGetValue(name, out var profile)
        ? profile
        : throw new ArgumentException($"unknown profile '{name}'; known: {string.Join(", ", Profiles.Keys.Order(StringComparer.Ordinal))}", nameof(name));

    public static ProfileConfiguration Load(string path) => Parse(File.ReadAllText(path));

    public static ProfileConfiguration Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var profiles = new Dictionary<string, DeidentificationProfile>(NamedProfiles.All, StringComparer.Ordinal);
        if (root.TryGetProperty("profiles", out var defined))
        {
            foreach (var p in defined.EnumerateObject())
            {
                if (NamedProfiles.All.ContainsKey(p.Name))
                {
                    throw new FormatException($"profile '{p.Name}' is built in and cannot be redefined; give yours another name");
                }

                profiles[p.Name] = ParseProfile(p.Name, p.Value, profiles);
            }
        }

        var safePrivate = root.TryGetProperty("safePrivate", out var sp) ? SafePrivateList.Parse(sp.GetRawText()) : SafePrivateList.Default;
        return new ProfileConfiguration(profiles, safePrivate);
    }

    private static DeidentificationProfile ParseProfile(string name, JsonElement spec, Dictionary<string, DeidentificationProfile> known)
    {
        var baseName = spec.TryGetProperty("base", out var b) ? b.GetString() ?? "basic" : "basic";
        if (!known.TryGetValue(baseName, out var basis))
        {
            throw new FormatException($"profile '{name}': base '{baseName}' is not defined (built-in or earlier in the file)");
        }

        var options = basis.Options | Options(name, spec, "options");
        options &= ~Options(name, spec, "removeOptions");
        var overrides = spec.TryGetProperty("overrides", out var o)
            ? o.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
            : null;
        bool? Flag(string key) => spec.TryGetProperty(key, out var v) ? v.GetBoolean() : null;
        try
        {
            return basis.With(name, options, overrides, Flag("removeAllDates"), Flag("keepPatientSex"), Flag("coarsenAge"), Flag("burnOverlays"));
        }
        catch (ArgumentException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    private static ProfileOption Options(string name, JsonElement spec, string key)
    {
        var options = ProfileOption.None;
        if (!spec.TryGetProperty(key, out var list))
        {
            return options;
        }

        foreach (var item in list.EnumerateArray())
        {
            var text = item.GetString();
            if (!Enum.TryParse<ProfileOption>(text, ignoreCase: true, out var option) || option == ProfileOption.None || !Enum.IsDefined(option))
            {
                throw new FormatException($"profile '{name}': '{text}' is not an option; use one of {string.Join(", ", Enum.GetNames<ProfileOption>().Skip(1))}");
            }

            options |= option;
        }

        return options;
    }
}
