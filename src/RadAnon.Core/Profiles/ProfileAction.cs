namespace RadAnon.Core.Profiles;

/// <summary>
/// What happens to one attribute, after combined actions (X/Z, Z/D...) are resolved by the attribute's type.
/// Letters follow PS3.15 Table E.1-1; <see cref="ReplaceUidsWithin"/> is the U* of X/Z/U*.
/// </summary>
public enum ProfileAction
{
    /// <summary>K: keep (sequences are still processed item by item).</summary>
    Keep,

    /// <summary>X: remove.</summary>
    Remove,

    /// <summary>Z: replace with a zero-length value (an empty sequence for SQ).</summary>
    Zero,

    /// <summary>D: replace with a non-identifying dummy of the same VR; sequences keep structure, text inside is dummied.</summary>
    Dummy,

    /// <summary>C: keep a cleaned value (dates shifted, text scrubbed of identifiers, graphics removed when they cannot be cleaned).</summary>
    Clean,

    /// <summary>U: replace UIDs with keyed pseudonyms, consistently within and across files that share the key.</summary>
    Uid,

    /// <summary>U*: keep the sequence, replacing the UIDs inside it.</summary>
    ReplaceUidsWithin,

    /// <summary>Not the standard's: Patient's Age coarsened to a decade band (foamed profile).</summary>
    CoarsenAge,
}

/// <summary>Parses the action letters of Table E.1-1 and per-tag overrides.</summary>
public static class ProfileActions
{
    public static string Code(this ProfileAction action) => action switch
    {
        ProfileAction.Keep => "K",
        ProfileAction.Remove => "X",
        ProfileAction.Zero => "Z",
        ProfileAction.Dummy => "D",
        ProfileAction.Clean => "C",
        ProfileAction.Uid => "U",
        ProfileAction.ReplaceUidsWithin => "U*",
        ProfileAction.CoarsenAge => "A",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    /// <summary>A single (not combined) action letter, as used in overrides: K, X, Z, D, C or U.</summary>
    public static bool TryParseSingle(string? text, out ProfileAction action)
    {
        action = ProfileAction.Keep;
        switch (text?.Trim().ToUpperInvariant())
        {
            case "K": action = ProfileAction.Keep; return true;
            case "X": action = ProfileAction.Remove; return true;
            case "Z": action = ProfileAction.Zero; return true;
            case "D": action = ProfileAction.Dummy; return true;
            case "C": action = ProfileAction.Clean; return true;
            case "U": action = ProfileAction.Uid; return true;
            default: return false;
        }
    }

    /// <summary>
    /// Resolves a table action (possibly combined) by the attribute's type in the IOD: 1, 2 or 3, or null
    /// when unknown. Unknown takes the choice that keeps the object valid without keeping the value:
    /// D over Z over X for X/D, Z/D and X/Z/D; Z for X/Z; U* for X/Z/U*.
    /// </summary>
    public static ProfileAction Resolve(string code, int? type) => code switch
    {
        "K" => ProfileAction.Keep,
        "X" => ProfileAction.Remove,
        "Z" => ProfileAction.Zero,
        "D" => ProfileAction.Dummy,
        "C" => ProfileAction.Clean,
        "U" => ProfileAction.Uid,
        "X/Z" => type == 3 ? ProfileAction.Remove : ProfileAction.Zero,
        "X/D" => type == 3 ? ProfileAction.Remove : ProfileAction.Dummy,
        "Z/D" => type is 2 or 3 ? ProfileAction.Zero : ProfileAction.Dummy,
        "X/Z/D" => type switch { 3 => ProfileAction.Remove, 2 => ProfileAction.Zero, _ => ProfileAction.Dummy },
        "X/Z/U*" => type switch { 3 => ProfileAction.Remove, 2 => ProfileAction.Zero, _ => ProfileAction.ReplaceUidsWithin },
        _ => throw new ArgumentException($"'{code}' is not an action of PS3.15 Table E.1-1", nameof(code)),
    };
}
