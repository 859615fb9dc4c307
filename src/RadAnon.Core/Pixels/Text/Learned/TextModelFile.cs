using System.Security.Cryptography;

namespace RadAnon.Core.Pixels.Text.Learned;

/// <summary>
/// Finds the PP-OCRv4 detector model that <c>tools/install-text-model.sh</c> installs and checks its pinned SHA-256:
/// an explicit path, <c>RADANON_TEXT_MODEL</c>, <c>models/</c> beside the application, <c>.radanon/models</c> in the
/// checkout above the application or the working directory, or <c>/usr/local/share/radanon/models</c> (the image).
/// </summary>
public static class TextModelFile
{
    public const string FileName = "ch_PP-OCRv4_det_infer.onnx";

    /// <summary>The SHA-256 pinned by the install script; a file with any other hash is refused.</summary>
    public const string Sha256 = "30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff";

    /// <summary>The model's name and hash as reports give it.</summary>
    public const string ModelId = "ppocr-v4-det-mobile sha256:" + Sha256;

    public const string SharedDirectory = "/usr/local/share/radanon/models";

    /// <summary>The model's bytes, after checking the hash.</summary>
    public static byte[] Load(string? explicitPath = null)
    {
        var path = Locate(explicitPath);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new TextModelUnavailableException($"the text detector model at {path} cannot be read: {ex.Message}", ex);
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), Sha256, StringComparison.Ordinal))
        {
            throw new TextModelUnavailableException(
                $"the text detector model at {path} does not have the pinned SHA-256; run tools/install-text-model.sh again");
        }

        return bytes;
    }

    public static string Locate(string? explicitPath = null)
    {
        var candidates = Candidates(explicitPath).ToList();
        return candidates.FirstOrDefault(File.Exists) ?? throw new TextModelUnavailableException(
            $"the text detector model {FileName} is not installed (looked in {string.Join(", ", candidates.Select(Path.GetDirectoryName).Distinct())}); "
            + "run tools/install-text-model.sh or set RADANON_TEXT_MODEL to its path");
    }

    private static IEnumerable<string> Candidates(string? explicitPath)
    {
        if (!string.IsNullOrEmpty(explicitPath))
        {
            yield return explicitPath;
            yield break;
        }

        if (Environment.GetEnvironmentVariable("RADANON_TEXT_MODEL") is { Length: > 0 } fromEnvironment)
        {
            yield return fromEnvironment;
            yield break;
        }

        yield return Path.Combine(AppContext.BaseDirectory, "models", FileName);
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                yield return Path.Combine(dir.FullName, ".radanon", "models", FileName);
            }
        }

        yield return Path.Combine(SharedDirectory, FileName);
    }
}
