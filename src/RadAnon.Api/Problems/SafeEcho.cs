namespace RadAnon.Api.Problems;

/// <summary>
/// What a problem's detail may repeat of a caller's input: at most 40 characters, letters, digits and <c>._-+/</c> only,
/// anything else shown as '_'. Enough to recognise a typo; never markup, a header value or a payload.
/// </summary>
public static class SafeEcho
{
    public const int MaxLength = 40;

    public static string Token(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "(empty)";
        }

        var length = Math.Min(text.Length, MaxLength);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            chars[i] = char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '/' ? c : '_';
        }

        return new string(chars) + (text.Length > MaxLength ? "…" : string.Empty);
    }
}
