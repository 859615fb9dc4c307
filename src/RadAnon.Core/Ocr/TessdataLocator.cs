namespace RadAnon.Core.Ocr;

/// <summary>Finds the directory holding <c>eng.traineddata</c>: an explicit path, TESSDATA_PREFIX, or Debian's default.</summary>
internal static class TessdataLocator
{
    public const string DebianDefault = "/usr/share/tesseract-ocr/5/tessdata";

    public static string Locate(string? explicitPath, string language)
    {
        if (explicitPath is not null)
        {
            return Require(explicitPath, language);
        }

        var prefix = Environment.GetEnvironmentVariable("TESSDATA_PREFIX");
        if (!string.IsNullOrEmpty(prefix))
        {
            // Tesseract 5 reads TESSDATA_PREFIX as the tessdata directory itself; older setups name its parent.
            var nested = Path.Combine(prefix, "tessdata");
            return HasLanguage(prefix, language) || !HasLanguage(nested, language) ? Require(prefix, language) : nested;
        }

        return Require(DebianDefault, language);
    }

    private static bool HasLanguage(string directory, string language) =>
        File.Exists(Path.Combine(directory, language + ".traineddata"));

    private static string Require(string directory, string language)
    {
        if (!HasLanguage(directory, language))
        {
            throw new OcrUnavailableException(
                $"{language}.traineddata is not in {directory}; install tesseract-ocr-{language} or set TESSDATA_PREFIX to its tessdata directory");
        }

        return directory;
    }
}
