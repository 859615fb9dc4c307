namespace RadAnon.Core.Profiles;

/// <summary>
/// One row of PS3.15 Table E.1-1: a tag (or a masked tag such as (60xx,3000)), its Basic Profile action and
/// the action each option column gives ("" where the option does not touch the attribute).
/// </summary>
internal sealed record TableRow(uint Value, uint Mask, string Keyword, string Name, bool InStandardIod, string BasicAction, string[] OptionActions)
{
    public bool Matches(uint tag) => (tag & Mask) == Value;

    public bool IsMasked => Mask != 0xFFFFFFFFu;

    /// <summary>Whether Clean Descriptors would clean this attribute: a description, not an identifier.</summary>
    public bool IsDescriptor => OptionActions[Array.IndexOf(ConfidentialityProfileTable.OptionColumns, ProfileOption.CleanDescriptors)].Length > 0;

    /// <summary>The action with the given options: retention (K) wins over cleaning (C), which wins over the basic action.</summary>
    public string ActionWith(ProfileOption options)
    {
        string? chosen = null;
        for (var i = 0; i < OptionActions.Length; i++)
        {
            var code = OptionActions[i];
            if (code.Length == 0 || (options & ConfidentialityProfileTable.OptionColumns[i]) == 0)
            {
                continue;
            }

            if (code == "K" || chosen is null)
            {
                chosen = code;
            }
        }

        return chosen ?? BasicAction;
    }
}
